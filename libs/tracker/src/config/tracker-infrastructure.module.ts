// One import that wires the application's infrastructure: config, clock, ids, metrics, event store, keys (the API adds
// idempotency records).
import { type DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@ogp/event-store';
import { AccessModule } from '../access/access.module';
import type { Clock } from '../clock/clock';
import { ClockModule } from '../clock/clock.module';
import { IdsModule } from '../ids/ids.module';
import { MetricsModule } from '../metrics/metrics.module';
import { EventStoreModule } from '../store/event-store.module';
import type { StoreAccess } from '../store/open-event-store';
import type { ResolvedConfig } from './app-config';
import { ConfigModule } from './config.module';

export interface InfrastructureOptions {
  readonly config: ResolvedConfig;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: the adapter named by EVENT_STORE, owned and closed by this module. A store given here is not closed. */
  readonly eventStore?: EventStore;
  /**
   * Default 'read-write': the stores open at start-up, writable. 'read-only' (a CLI command that only reads): each
   * store opens read-only at its first use, so a command that reads none opens none.
   */
  readonly storeAccess?: StoreAccess;
}

@Module({})
export class TrackerInfrastructureModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    const access = options.storeAccess ?? 'read-write';
    const modules = [
      ConfigModule.forRoot(options.config),
      ClockModule.forRoot(options.clock),
      IdsModule,
      MetricsModule,
      EventStoreModule.forRoot(options.eventStore, access),
      AccessModule.forRoot(access),
    ];
    return { module: TrackerInfrastructureModule, imports: modules, exports: modules };
  }
}
