// GET /audit/members/:id/compliance — each OGP Local obligation's verdict with the events behind it.
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { dateOf, DEFAULT_TIME_ZONE, ENTITY_ID_PATTERN, isIsoDate, type MemberState, type TimeZone, wallClockTime } from '@ogp/domain';
import { type ComplianceView, normalizeAsOf } from '@ogp/projections';
import { CLOCK, EntityNotFoundError, GetCompliance, GetEntity, type Clock, type Principal, type ReadResult } from '@ogp/tracker';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Roles } from '../../platform/access.decorators';
import { ProblemException } from '../../platform/problem.exception';
import { MemberIdParams, ReadQuery } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { ComplianceAnswer } from './compliance.responses';

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
    description:
      'Each result: obligation, status (met, due, overdue, not met, not applicable), planId, eventIds, detail. An asOf later than now in the ' +
      "member's time zone is refused (400); a planId the member had no plan of (as of asOf) is 404.",
  })
  @ApiOkResponse({ type: ComplianceAnswer, description: "Each obligation's verdict, as of an instant and the member's day" })
  async compliance(@Param() params: MemberIdParams, @Query() query: ComplianceQuery, @CurrentPrincipal() principal: Principal): Promise<ReadResult<ComplianceView>> {
    await this.scope.entity(principal, 'member', params.id, query.waitFor);
    const now = this.clock.now().toISOString();
    // What is known now, judged on a later day, would read as a verdict of that day: refused. A date is refused here
    // once it has begun nowhere yet, and below once it has not begun in the member's zone.
    if (query.asOf !== undefined && (isIsoDate(query.asOf) ? query.asOf > dateOf(now, EARLIEST_ZONE) : normalizeAsOf(query.asOf) > now)) {
      throw inFuture(query.asOf, now, await this.timeZoneOf(params.id));
    }
    const answer = await this.queries.execute(new GetCompliance(params.id, query, now));
    if (query.asOf !== undefined && answer.data.asOfDate > dateOf(now, answer.data.timeZone)) throw inFuture(query.asOf, now, answer.data.timeZone);
    return answer;
  }

  /** The member's time zone now, to tell a refused client what time it is there (UTC for a member not known). */
  private async timeZoneOf(memberId: string): Promise<TimeZone> {
    try {
      const member = (await this.queries.execute(new GetEntity('member', memberId))).data.state as MemberState;
      return member?.timeZone ?? DEFAULT_TIME_ZONE;
    } catch (error) {
      if (error instanceof EntityNotFoundError) return DEFAULT_TIME_ZONE;
      throw error;
    }
  }
}

/** The zone whose day begins first (UTC+14): a date that has not begun there has begun nowhere. */
const EARLIEST_ZONE = 'Pacific/Kiritimati';

function inFuture(asOf: string, now: string, timeZone: TimeZone): ProblemException {
  return new ProblemException('bad-request', `asOf ${asOf} is later than now (${wallClockTime(now, timeZone)} ${timeZone}, the member's time zone): compliance is known up to now`);
}
