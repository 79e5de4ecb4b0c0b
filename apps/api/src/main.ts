// Entry point of the API server: build the app, listen, and shut down gracefully on SIGTERM/SIGINT.
import 'reflect-metadata';
import { ConfigValidationError } from '@ogp/tracker';
import { createApp, listen } from './app.factory';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  // On SIGTERM/SIGINT: stop accepting, finish in-flight requests, then close the stores (flushing appends).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await listen(app);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else if ((error as { code?: string }).code === 'EADDRINUSE') {
    // Not a fault of ours: say what to do instead of showing a stack.
    process.stderr.write(`ogp-ledger failed to start: ${(error as Error).message}. Another process serves that port: stop it, or set PORT (and HOST).\n`);
  } else {
    process.stderr.write(`ogp-ledger failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
