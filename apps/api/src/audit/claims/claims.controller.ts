// GET /audit/claims — current progress claims by member, plan, commitment, review status and effective date, in effective or recording order, paged.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { cursorFitsSort, GetClaims, parseClaimCursor, type Principal } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { ProblemException, RequestValidationError } from '../../platform/problem.exception';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { CachedRead } from '../../platform/read-cache';
import { ReadScope } from '../read-scope';
import { ClaimsQuery } from './claims.request';
import { ClaimsAnswer } from './claims.responses';

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class ClaimsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get('claims')
  @CachedRead()
  @ApiOperation({
    summary: 'Current progress claims: a review queue (?status=Submitted) or an audit list, a page at a time',
    description:
      'Claims in (effective date, commitment, claim) order, or with `sort=recordedAt` oldest recorded version first ' +
      "(the reviewer's queue), each with its current version, completion, review status, effective date and state, its " +
      "milestone (title, due date) and commitment (OGP id, title), when the version was recorded (`recordedAt`) and, for " +
      'a Complete version not yet verified or disputed, the last day its review counts as on time (`reviewDueBy`, the ' +
      "verification obligation's deadline). A page holds at most `limit` claims (default 100); `next` is the `after` of " +
      'the next page in the same sort, null after the last. Current state only (no asOf). A key scoped to a member lists ' +
      'its own claims only (403 for another memberId).',
  })
  @ApiOkResponse({ type: ClaimsAnswer, description: 'A page of claims, each with its state; `next` is the `after` of the next page' })
  list(@Query() query: ClaimsQuery, @CurrentPrincipal() principal: Principal) {
    const { after, memberId, ...rest } = query;
    const cursor = after === undefined ? undefined : parseClaimCursor(after);
    if (cursor === null) throw new RequestValidationError({ after: ['after must be the `next` of a previous page'] });
    if (cursor !== undefined && !cursorFitsSort(cursor, query.sort)) {
      throw new RequestValidationError({ after: ['after must be the `next` of a previous page in the same sort'] });
    }
    if (query.effectiveFrom !== undefined && query.effectiveTo !== undefined && query.effectiveFrom > query.effectiveTo) {
      throw new ProblemException('validation-failed', '`effectiveFrom` must not be after `effectiveTo`');
    }
    return this.queries.execute(new GetClaims({ ...rest, memberId: this.scope.member(principal, memberId), after: cursor }));
  }
}
