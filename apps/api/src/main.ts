// Entry point of the API server: build the app, listen, and shut down gracefully on SIGTERM/SIGINT.
import 'reflect-metadata';
import { ConfigValidationError, explainStartUpFailure } from '@ogp/tracker';
import { createApp, listen } from './app.factory';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  // On SIGTERM/SIGINT: stop accepting, finish in-flight requests, then close the stores (flushing appends).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await listen(app);
}

/** One line for a failure the operator can fix (a setting, a file, a port); the stack for a fault of ours. */
function startUpFailureText(error: unknown): string {
  if (error instanceof ConfigValidationError) return error.message;
  const explained = explainStartUpFailure(error);
  if (explained !== null) return `ogp-ledger failed to start: ${explained}`;
  return `ogp-ledger failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${startUpFailureText(error)}\n`);
  process.exit(1);
});
