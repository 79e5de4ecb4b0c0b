// `serve`: starts the HTTP API (as `npm start`) on the CLI's event store, until SIGTERM or SIGINT.
import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { createApp, listen } from '../../../api/src/app.factory';
import { refuseUnexpectedArguments } from './command-input';

@Command({ name: 'serve', description: 'Start the HTTP API (configured by environment variables; see README)' })
export class ServeCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  async run(params: string[]): Promise<void> {
    refuseUnexpectedArguments(this.command, params);
    // The app borrows the CLI's store (one connection per process); the CLI closes it after the app has closed.
    const app = await createApp({ eventStore: this.store });
    try {
      await listen(app);
    } catch (error) {
      // Closed first, or its ledger log would go on following the store that the CLI is about to close. The entry
      // point explains the error as `npm start` does (a port in use: what to do about it).
      await app.close();
      throw error;
    }
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    // Stop accepting, let in-flight requests finish; the store is then closed (flushed) by the CLI context.
    await app.close();
    process.stderr.write(`Stopped on ${signal}\n`);
  }
}
