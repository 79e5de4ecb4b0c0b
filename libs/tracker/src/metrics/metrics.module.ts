// Provides MetricsService (Prometheus) and ReadinessService (health checks) to the whole application.
import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';
import { ReadinessService } from './readiness.service';

@Global()
@Module({
  providers: [
    { provide: MetricsService, useFactory: () => new MetricsService() },
    { provide: ReadinessService, useFactory: () => new ReadinessService() },
  ],
  exports: [MetricsService, ReadinessService],
})
export class MetricsModule {}
