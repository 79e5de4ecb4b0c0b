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
 * Commands (and `keys` subcommands) that only read the configured stores: they run with read-only access (no
 * DATA_DIR created, each store opened read-only at its first use), so that an auditor who may only read the store
 * can run them, and they leave no file behind. `demo` uses a temporary store of its own. Any other command writes.
 */
const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(['verify', 'export', 'replay', 'demo', 'keys list', 'help']);

/** The store access of the command line `args` (process.argv after the script), chosen before Nest starts. */
export function storeAccessFor(args: readonly string[]): StoreAccess {
  const [command, subcommand] = args;
  // No command, or help asked for: nothing runs, so nothing is opened.
  if (command === undefined || command.startsWith('-') || args.some((arg) => arg === '--help' || arg === '-h')) return 'read-only';
  if (command === 'keys') return subcommand === undefined || subcommand.startsWith('-') || READ_ONLY_COMMANDS.has(`keys ${subcommand}`) ? 'read-only' : 'read-write';
  return READ_ONLY_COMMANDS.has(command) ? 'read-only' : 'read-write';
}

@Module({})
export class CliModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return { module: CliModule, imports: [TrackerInfrastructureModule.forRoot(options)], providers: [...COMMANDS] };
  }
}
