// The CLI's root module: infrastructure (config, event store, keys, ...) and the commands, one line each.
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { type InfrastructureOptions, TrackerInfrastructureModule } from '@ogp/tracker';
import { KeysCommand } from './commands/keys.command';
import { DemoCommand } from './commands/demo.command';
import { ExportCommand } from './commands/export.command';
import { ReplayCommand } from './commands/replay.command';
import { SeedCommand } from './commands/seed.command';
import { ServeCommand } from './commands/serve.command';
import { VerifyCommand } from './commands/verify.command';

/** The CLI's commands: add a command class here (use `X.registerWithSubCommands()` for one with subcommands). */
export const COMMANDS: readonly Provider[] = [
  ...KeysCommand.registerWithSubCommands(),
  ServeCommand,
  SeedCommand,
  DemoCommand,
  ReplayCommand,
  ExportCommand,
  VerifyCommand,
];

@Module({})
export class CliModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return { module: CliModule, imports: [TrackerInfrastructureModule.forRoot(options)], providers: [...COMMANDS] };
  }
}
