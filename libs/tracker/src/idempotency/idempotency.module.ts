// Provides IDEMPOTENCY_STORE (records in DATA_DIR/idempotency.sqlite) and closes it on shutdown.
import { join } from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { CLOCK, type Clock } from '../clock/clock';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency-store';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

@Global()
@Module({
  providers: [
    {
      provide: IDEMPOTENCY_STORE,
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: ResolvedConfig, clock: Clock): IdempotencyStore =>
        new SqliteIdempotencyStore({ file: join(config.DATA_DIR, 'idempotency.sqlite'), clock, retentionMs: config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000 }),
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
