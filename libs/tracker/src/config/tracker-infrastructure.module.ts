// One import that wires the application's infrastructure: config, clock, ids, metrics, event store, keys, idempotency.
import { type DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@ogp/event-store';
import { AccessModule } from '../access/access.module';
import type { Clock } from '../clock/clock';
import { ClockModule } from '../clock/clock.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { IdsModule } from '../ids/ids.module';
import { MetricsModule } from '../metrics/metrics.module';
import { EventStoreModule } from '../store/event-store.module';
import type { ResolvedConfig } from './app-config';
import { ConfigModule } from './config.module';

export interface InfrastructureOptions {
  readonly config: ResolvedConfig;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: the adapter named by EVENT_STORE, owned and closed by this module. A store given here is not closed. */
  readonly eventStore?: EventStore;
}

@Module({})
export class TrackerInfrastructureModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    const modules = [
      ConfigModule.forRoot(options.config),
      ClockModule.forRoot(options.clock),
      IdsModule,
      MetricsModule,
      EventStoreModule.forRoot(options.eventStore),
      AccessModule,
      IdempotencyModule,
    ];
    return { module: TrackerInfrastructureModule, imports: modules, exports: modules };
  }
}
