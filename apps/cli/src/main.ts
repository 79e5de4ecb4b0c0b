// Entry point of the command-line tool: `npm run cli -- <command>` (keys, serve, and the commands in cli.module.ts).
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigValidationError, loadConfig } from '@ogp/tracker';
import { CliModule } from './cli.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await CommandFactory.run(CliModule.forRoot({ config }), {
    cliName: 'ogp-ledger',
    logger: ['error', 'warn'],
    // Commander has already printed its message (usage, unknown option, help); only the exit code is left to set.
    errorHandler: (error) => {
      const { exitCode } = error as Error & { exitCode?: number };
      process.exit(exitCode ?? 1);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigValidationError ? `${error.message}\n` : `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
