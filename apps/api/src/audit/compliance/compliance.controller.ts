// GET /audit/members/:id/compliance — each OGP Local obligation's verdict with the events behind it.
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ENTITY_ID_PATTERN } from '@ogp/domain';
import { CLOCK, GetCompliance, type Clock, type Principal } from '@ogp/tracker';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Roles } from '../../platform/access.decorators';
import { MemberIdParams, ReadQuery } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';

export class ComplianceQuery extends ReadQuery {
  @ApiPropertyOptional({ example: 'semarang-2021', description: 'only the obligations about this plan' })
  @IsOptional()
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN)
  planId?: string;
}
// Compliance is judged in the member's days: its as-of date is a day in the member's time zone, not UTC's.
ApiPropertyOptional({
  example: '2023-01-31',
  description: "Judge as the system knew it at this instant of recording (ISO 8601 instant, or a date = the end of that day in the member's time zone)",
})(ComplianceQuery.prototype, 'asOf');

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class ComplianceController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: ReadScope,
  ) {}

  @Get('members/:id/compliance')
  @ApiOperation({
    summary: "The member's compliance with OGP Local's obligations as of an instant (default now)",
    description: 'Each result: obligation, status (met, due, overdue, not met, not applicable), planId, eventIds, detail.',
  })
  @ApiOkResponse({ description: '{ position, data: { memberId, planId, asOf, asOfDate, timeZone, ruleSet, results, events } }' })
  async compliance(@Param() params: MemberIdParams, @Query() query: ComplianceQuery, @CurrentPrincipal() principal: Principal) {
    await this.scope.entity(principal, 'member', params.id, query.waitFor);
    return this.queries.execute(new GetCompliance(params.id, query, this.clock.now().toISOString()));
  }
}
