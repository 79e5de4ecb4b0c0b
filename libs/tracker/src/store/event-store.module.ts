// Provides EVENT_STORE (adapter chosen by configuration), registers its readiness check and closes it on shutdown.
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ReadinessService } from '../metrics/readiness.service';
import { CountingEventStore } from './counting-event-store';
import { LazyEventStore } from './lazy-event-store';
import { openEventStore, type StoreAccess } from './open-event-store';

const OWNS_EVENT_STORE = Symbol('OWNS_EVENT_STORE');

function openOwnStore(config: ResolvedConfig, access: StoreAccess): EventStore {
  return access === 'read-write' ? openEventStore(config) : new LazyEventStore(() => openEventStore(config, 'read-only'));
}

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  /**
   * With `borrowed`, that store is used and left open at shutdown (its owner closes it). Otherwise the configured
   * one: opened at start-up for 'read-write' (a store that cannot be opened stops the start before other files are
   * made), read-only at its first use for 'read-only' (a command that reads no store opens none).
   */
  static forRoot(borrowed?: EventStore, access: StoreAccess = 'read-write'): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: OWNS_EVENT_STORE, useValue: borrowed === undefined },
        {
          provide: EVENT_STORE,
          inject: [APP_CONFIG, MetricsService, ReadinessService],
          useFactory: (config: ResolvedConfig, metrics: MetricsService, readiness: ReadinessService): EventStore => {
            const store = new CountingEventStore(borrowed ?? openOwnStore(config, access), metrics);
            readiness.register('event-store', async () => {
              const head = await store.headPosition();
              return { ready: true, detail: head === null ? 'empty' : `head ${head.commit.toString()}` };
            });
            return store;
          },
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OWNS_EVENT_STORE) private readonly owned: boolean,
  ) {}

  /** Runs after the HTTP server has closed (in-flight requests done), so pending appends are flushed here. */
  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.store.close();
  }
}
