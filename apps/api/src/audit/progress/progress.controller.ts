// GET /audit/plans/:id/progress and /audit/commitments/:id/progress — the roll-up, now or as of an instant.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetCommitmentProgress, GetPlanProgress, type Principal } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { CommitmentIdParams, IdParams, ReadQuery } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { CachedRead } from '../../platform/read-cache';
import { CommitmentProgressAnswer, PlanProgressAnswer } from './progress.responses';

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class ProgressController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get('plans/:id/progress')
  @CachedRead()
  @ApiOperation({
    summary: "A plan's progress: its commitments' progress averaged (see README: progress roll-up)",
    description:
      "Each commitment names its OGP id and title, each milestone its title and due date. A milestone's completion comes from its latest " +
      "undisputed claim (claimId, verified); latestClaim is its latest claim disputed or not, with its review status " +
      '(Submitted, Verified, Disputed, Evidence Requested), so a claim OGP disputed stays visible beside No Evidence Available.',
  })
  @ApiOkResponse({ type: PlanProgressAnswer, description: "The plan's roll-up, its commitments' and their milestones'" })
  async plan(@Param() params: IdParams, @Query() query: ReadQuery, @CurrentPrincipal() principal: Principal) {
    await this.scope.entity(principal, 'plan', params.id, query.waitFor);
    return this.queries.execute(new GetPlanProgress(params.id, query));
  }

  @Get('commitments/:id/progress')
  @CachedRead()
  @ApiOperation({
    summary: "A commitment's progress and its milestones' completion",
    description: "As in a plan's progress: OGP id and title, each milestone's title, due date and latest claim (disputed or not) with its review status.",
  })
  @ApiOkResponse({ type: CommitmentProgressAnswer, description: "The commitment's roll-up and its milestones'" })
  async commitment(@Param() params: CommitmentIdParams, @Query() query: ReadQuery, @CurrentPrincipal() principal: Principal) {
    await this.scope.entity(principal, 'commitment', params.id, query.waitFor);
    return this.queries.execute(new GetCommitmentProgress(params.id, query));
  }
}
