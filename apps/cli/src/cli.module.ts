// The CLI's root module: infrastructure (config, event store, keys, ...) and the commands, one line each.
import { type DynamicModule, Injectable, Module, type OnModuleInit, Optional, type Provider, type Type } from '@nestjs/common';
import { type CommandRunner, InjectCommander } from 'nest-commander';
import { type InfrastructureOptions, type StoreAccess, TrackerInfrastructureModule } from '@ogp/tracker';
import { KeysCommand, KeysCreateCommand, KeysRevokeCommand } from './commands/keys.command';
import { DemoCommand } from './commands/demo.command';
import { ExportCommand } from './commands/export.command';
import { ReplayCommand } from './commands/replay.command';
import { SeedCommand } from './commands/seed.command';
import { ServeCommand } from './commands/serve.command';
import { VerifyCommand } from './commands/verify.command';
import { asksForHelp, declaredOptions } from './help-request';

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
const WRITING_COMMANDS: ReadonlyMap<string, Type<CommandRunner>> = new Map<string, Type<CommandRunner>>([
  ['serve', ServeCommand],
  ['seed', SeedCommand],
  ['keys create', KeysCreateCommand],
  ['keys revoke', KeysRevokeCommand],
]);

/**
 * The store access of the command line `args` (process.argv after the script), chosen before Nest starts. A writing
 * command that asks for its help (`seed --help`) is read-only: read-write stores open, and DATA_DIR is made, as Nest
 * starts, before commander prints the help. Help is asked for as commander reads it (asksForHelp): `-h` as an option's
 * value (`keys create --name -h`) is a name, and the command writes.
 */
export function storeAccessFor(args: readonly string[]): StoreAccess {
  const [command, subcommand] = args;
  const named = command === 'keys' ? `keys ${subcommand ?? ''}` : (command ?? '');
  const writer = WRITING_COMMANDS.get(named);
  if (writer === undefined) return 'read-only';
  const rest = args.slice(named.split(' ').length);
  return asksForHelp(rest, declaredOptions(writer)) ? 'read-only' : 'read-write';
}

/** The name the usage and help lines give the program: commander would take the script's file name (`main`). */
export const CLI_NAME = 'ogp-ledger';

/** Of commander's program (nest-commander's, a dependency of its own), what naming it needs. */
interface Program {
  name(name: string): unknown;
}

/** Names the program; a module compiled without CommandFactory (a spec's) has no program to name. */
@Injectable()
export class ProgramName implements OnModuleInit {
  constructor(@Optional() @InjectCommander() private readonly program?: Program) {}

  onModuleInit(): void {
    this.program?.name(CLI_NAME);
  }
}

@Module({})
export class CliModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return { module: CliModule, imports: [TrackerInfrastructureModule.forRoot(options)], providers: [ProgramName, ...COMMANDS] };
  }
}
