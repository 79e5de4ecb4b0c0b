// Provides IDEMPOTENCY_STORE (records in DATA_DIR/idempotency.sqlite) and closes it on shutdown.
import { join } from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { openStoreFile } from '../config/start-up-failure';
import { CLOCK, type Clock } from '../clock/clock';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency-store';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

@Global()
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_STORE,
      // EVENT_STORE only orders the start: a store that cannot be opened stops it before this file is made.
      inject: [APP_CONFIG, CLOCK, EVENT_STORE],
      useFactory: (config: ResolvedConfig, clock: Clock): IdempotencyStore => {
        const file = join(config.DATA_DIR, 'idempotency.sqlite');
        return openStoreFile(file, () => new SqliteIdempotencyStore({ file, clock, retentionMs: config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000 }));
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
