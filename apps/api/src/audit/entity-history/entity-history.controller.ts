// GET /audit/{members|plans|commitments}/:id/history — the entity's audit trail, one line per event.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { GetEntityHistory, type Principal } from '@ogp/tracker';
import { DecimalInteger } from '../../platform/decimal-integer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../../platform/access.decorators';
import { ResponseETag, type ETagSetter } from '../../platform/etag';
import { EntityParams, kindOf, ReadQuery } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { CachedRead } from '../../platform/read-cache';
import { EntityHistoryAnswer } from './entity-history.responses';

export class HistoryQuery extends ReadQuery {
  @ApiPropertyOptional({ example: 0, description: 'first revision to return' })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ example: 100, description: 'at most this many events (default 1000, max 10000)' })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}

/** A history page by default: a few hundred kilobytes of JSON, where 10,000 events could make one answer of 50 MB. */
const HISTORY_PAGE = 1_000;

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class EntityHistoryController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get(':collection/:id/history')
  @CachedRead()
  @ApiOperation({
    summary: 'Every event of the entity: type, data, actor and role, reason, recordedAt, effectiveAt, correlation id, hash',
    description:
      'ETag is the entity stream revision as of the read (its last event, or the last by ?asOf), whatever page is returned. ' +
      'A page holds at most `limit` events (default 1,000); `next` is the fromRevision of the next page, null after the last.',
  })
  @ApiOkResponse({ type: EntityHistoryAnswer, description: "A page of the entity's events; `next` is the fromRevision of the next page" })
  async history(@Param() params: EntityParams, @Query() query: HistoryQuery, @ResponseETag() setETag: ETagSetter, @CurrentPrincipal() principal: Principal) {
    await this.scope.entity(principal, kindOf(params.collection), params.id, query.waitFor);
    const { result, revision } = await this.queries.execute(new GetEntityHistory(kindOf(params.collection), params.id, { ...query, limit: query.limit ?? HISTORY_PAGE }));
    setETag(revision);
    // Pages run in revision order: more remain while the last one listed is before the revision as of the read.
    const last = result.data.at(-1);
    return { ...result, next: last !== undefined && BigInt(last.revision) < revision ? last.revision + 1 : null };
  }
}
