// GET /audit/events — the global feed of domain events in recording order, paged with a cursor.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { GetEventFeed, type Principal } from '@ogp/tracker';
import { DecimalInteger } from '../../platform/decimal-integer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { Roles } from '../../platform/access.decorators';
import { PageSize, ReadQuery } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { CachedRead } from '../../platform/read-cache';
import { EventFeedAnswer } from './event-feed.responses';

export class FeedQuery extends ReadQuery {
  @ApiPropertyOptional({ example: 0, description: 'cursor: the `next` of the previous page' })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(0)
  after?: number;

  @PageSize()
  limit?: number;
}

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class EventFeedController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get('events')
  @CachedRead()
  @ApiOperation({ summary: 'Every domain event in the global order, a page at a time' })
  @ApiOkResponse({ type: EventFeedAnswer, description: 'A page of events; `next` is the `after` of the next page' })
  feed(@Query() query: FeedQuery, @CurrentPrincipal() principal: Principal) {
    this.scope.everyMember(principal, 'The global event feed');
    return this.queries.execute(new GetEventFeed(query));
  }
}
