// Provides KEY_STORE (API keys in DATA_DIR/access.sqlite, or in the event store: KEY_STORE) and closes it on shutdown.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { openStoreFile } from '../config/start-up-failure';
import { CLOCK, type Clock } from '../clock/clock';
import type { StoreAccess } from '../store/open-event-store';
import { KEY_STORE, type KeyStore } from './key-store';
import { EventStoreKeyStore } from './event-store-key-store';
import { LazyKeyStore } from './lazy-key-store';
import { SqliteKeyStore } from './sqlite-key-store';

/** The configured key store; read-only, a missing access.sqlite holds no keys (nothing is created to say so). */
async function openKeyStore(config: ResolvedConfig, clock: Clock, store: EventStore, access: StoreAccess): Promise<KeyStore> {
  if (config.KEY_STORE === 'event-store') {
    const logger = new Logger('KeyStore');
    return EventStoreKeyStore.open(store, clock, (message) => logger.warn(message));
  }
  const file = join(config.DATA_DIR, 'access.sqlite');
  if (access === 'read-write') return openStoreFile(file, () => new SqliteKeyStore(file, clock));
  return existsSync(file) ? openStoreFile(file, () => new SqliteKeyStore(file, clock, undefined, true)) : new SqliteKeyStore(':memory:', clock);
}

@Global()
@Module({})
export class AccessModule implements OnApplicationShutdown {
  /** 'read-write': opened at start-up (after the event store, which it injects). 'read-only': at its first use. */
  static forRoot(access: StoreAccess = 'read-write'): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        {
          provide: KEY_STORE,
          inject: [APP_CONFIG, CLOCK, EVENT_STORE],
          useFactory: (config: ResolvedConfig, clock: Clock, store: EventStore): Promise<KeyStore> | KeyStore =>
            access === 'read-write' ? openKeyStore(config, clock, store, access) : new LazyKeyStore(() => openKeyStore(config, clock, store, access)),
        },
      ],
      exports: [KEY_STORE],
    };
  }

  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
