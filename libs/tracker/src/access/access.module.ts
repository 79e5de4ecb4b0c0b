// Provides KEY_STORE (API keys in DATA_DIR/access.sqlite, or in the event store: KEY_STORE) and closes it on shutdown.
import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { CLOCK, type Clock } from '../clock/clock';
import { KEY_STORE, type KeyStore } from './key-store';
import { EventStoreKeyStore } from './event-store-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

@Global()
@Module({
  providers: [
    {
      provide: KEY_STORE,
      inject: [APP_CONFIG, CLOCK, EVENT_STORE],
      useFactory: async (config: ResolvedConfig, clock: Clock, store: EventStore): Promise<KeyStore> => {
        if (config.KEY_STORE === 'sqlite') return new SqliteKeyStore(join(config.DATA_DIR, 'access.sqlite'), clock);
        const logger = new Logger('KeyStore');
        return EventStoreKeyStore.open(store, clock, (message) => logger.warn(message));
      },
    },
  ],
  exports: [KEY_STORE],
})
export class AccessModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
