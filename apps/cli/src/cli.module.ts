// The CLI's root module: infrastructure (config, event store, keys, ...) and the commands, one line each.
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { type InfrastructureOptions, type StoreAccess, TrackerInfrastructureModule } from '@ogp/tracker';
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

/**
 * Commands (and `keys` subcommands) that write the configured stores, and create DATA_DIR if missing. Every other
 * command line runs with read-only access (no DATA_DIR created, each store opened read-only at its first use), so
 * that an auditor who may only read the store can run verify, export, replay and keys list, and a mistyped command
 * (`verfy`) or a wrong DATA_DIR leaves no file behind: a command missing from this list fails safe. `demo` uses a
 * temporary store of its own.
 */
const WRITING_COMMANDS: ReadonlySet<string> = new Set(['serve', 'seed', 'keys create', 'keys revoke']);

/**
 * The store access of the command line `args` (process.argv after the script), chosen before Nest starts. A writing
 * command is read-write even with --help among its arguments: `-h` may be an option's value (`--name -h`), and help
 * opens no store anyway (stores open at first use).
 */
export function storeAccessFor(args: readonly string[]): StoreAccess {
  const [command, subcommand] = args;
  const named = command === 'keys' ? `keys ${subcommand ?? ''}` : (command ?? '');
  return WRITING_COMMANDS.has(named) ? 'read-write' : 'read-only';
}

@Module({})
export class CliModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return { module: CliModule, imports: [TrackerInfrastructureModule.forRoot(options)], providers: [...COMMANDS] };
  }
}
