// The HTTP platform: auth guard, write throttling, validation, the problem filter, health and metrics (idempotency is
// bound per write route: see idempotency.guard.ts).
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type ResolvedConfig } from '@ogp/tracker';
import { ADMIN_KEY_ANNOUNCER, type AdminKeyAnnouncer, AdminKeyBootstrap, printAdminKey } from './admin-key-bootstrap';
import { ApiKeyGuard } from './api-key.guard';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ProblemFilter } from './problem.filter';
import { createValidationPipe } from './validation.pipe';
import { WindowedThrottlerStorage } from './windowed-throttler-storage';
import { WriteThrottlerGuard } from './write-throttler.guard';

export interface PlatformOptions {
  /** Where a first-start admin key is shown; default: printed to stdout. */
  readonly announceAdminKey?: AdminKeyAnnouncer;
}

@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        // The controllers' routes, for markRoutesNeedingKey (authentication.ts).
        DiscoveryModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: ResolvedConfig) => ({
            // Named 'default' so that the 429 carries a plain Retry-After header (other names get a suffix).
            throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_WRITES_PER_MINUTE }],
            storage: new WindowedThrottlerStorage(),
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        // Guards run in this order: who is calling, then how often they write.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: WriteThrottlerGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: ADMIN_KEY_ANNOUNCER, useValue: options.announceAdminKey ?? printAdminKey },
        AdminKeyBootstrap,
      ],
    };
  }
}
