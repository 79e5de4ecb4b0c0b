// Liveness and readiness probes (public): ready means the event store answers and every registered check passes.
import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ReadinessService, type ReadinessReport } from '@ogp/tracker';
import { Public } from './access.decorators';
import { LivenessResponse, ReadinessCheckResponse, ReadinessResponse } from './health.responses';
import { ProblemException } from './problem.exception';

@ApiTags('operations')
@ApiExtraModels(ReadinessCheckResponse)
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The instance can serve: event store reachable, registered checks (e.g. projections) pass' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiResponse({ status: 503, description: 'A readiness check failed (not-ready, details.checks names them; Retry-After: 1)' })
  async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    if (!report.ready) throw new ProblemException('not-ready', 'A readiness check failed', { checks: report.checks });
    return report;
  }
}
