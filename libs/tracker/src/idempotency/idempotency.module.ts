// Provides IDEMPOTENCY_STORE (records in DATA_DIR/idempotency.sqlite) and closes it on shutdown.
import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { openStoreFile } from '../config/start-up-failure';
import { CLOCK, type Clock } from '../clock/clock';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency-store';
import { answerBackedBy } from './recorded-events';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

@Global()
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_STORE,
      // A store that cannot be opened stops the start before this file is made.
      inject: [APP_CONFIG, CLOCK, EVENT_STORE],
      useFactory: async (config: ResolvedConfig, clock: Clock, store: EventStore): Promise<IdempotencyStore> => {
        const file = join(config.DATA_DIR, 'idempotency.sqlite');
        const records = openStoreFile(
          file,
          () => new SqliteIdempotencyStore({ file, clock, retentionMs: config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000, answerHolds: answerBackedBy(store) }),
        );
        // Records newer than the store (events.sqlite restored from an older backup) answer for events it lacks.
        const dropped = records.dropAnswersBeyond(await store.headPosition());
        if (dropped > 0) {
          new Logger('Idempotency').warn(`${file}: dropped ${dropped} recorded answer${dropped === 1 ? '' : 's'} naming events beyond the event store's head; their requests run again when retried`);
        }
        return records;
      },
    },
  ],
  exports: [IDEMPOTENCY_STORE],
})
export class IdempotencyModule implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly records: IdempotencyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.records.close();
  }
}
