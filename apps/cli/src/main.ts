// Entry point of the command-line tool: `npm run cli -- <command>` (keys, serve, and the commands in cli.module.ts).
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { explainStartUpFailure, loadConfig, withoutStartUpErrorReports } from '@ogp/tracker';
import { CLI_NAME, CliModule, storeAccessFor } from './cli.module';

async function main(): Promise<void> {
  const storeAccess = storeAccessFor(process.argv.slice(2));
  const config = loadConfig(process.env, {}, { createDataDir: storeAccess === 'read-write' });
  await CommandFactory.run(CliModule.forRoot({ config, storeAccess }), {
    cliName: CLI_NAME,
    logger: withoutStartUpErrorReports(new ConsoleLogger({ logLevels: ['error', 'warn'] })),
    // A store that cannot be opened at start-up reaches main().catch, to be explained there once.
    abortOnError: false,
    // Commander has already printed its message (usage, unknown option, help); only the exit code is left to set.
    errorHandler: (error) => {
      const { exitCode } = error as Error & { exitCode?: number };
      process.exit(exitCode ?? 1);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`${explainStartUpFailure(error) ?? (isFault(error) ? (error.stack ?? error.message) : error.message)}\n`);
      process.exitCode = 1;
    },
  });
}

/**
 * A fault of ours rather than a refusal the user can act on: commands refuse with a plain Error and its message; an
 * SQLite error no start-up explanation covers, or a TypeError or ReferenceError, shows its stack so that it can be reported.
 */
function isFault(error: Error): boolean {
  return /^SQLITE_/.test(String((error as { code?: unknown }).code)) || error instanceof TypeError || error instanceof ReferenceError;
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartUpFailure(error) ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  process.exit(1);
});
