// GET /public/plans — published action plans (submitted or later) and their progress, for anyone, no key.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MEMBER_ID_PATTERN } from '@ogp/domain';
import { ListPublishedPlans } from '@ogp/tracker';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Public } from '../../platform/access.decorators';
import { CachedRead } from '../../platform/read-cache';

export class PublishedPlansQuery {
  @ApiPropertyOptional({ example: 'semarang' })
  @IsOptional()
  @MaxLength(40)
  @Matches(MEMBER_ID_PATTERN)
  member?: string;
}

@ApiTags('public')
@Public()
@Controller('public')
export class PublishedPlansController {
  constructor(private readonly queries: QueryBus) {}

  @Get('plans')
  @CachedRead()
  @ApiOperation({ summary: 'Published action plans (Submitted, Implementing, Ended) with their progress roll-up' })
  @ApiOkResponse({ description: '{ position, data: [{ plan, progress }] }' })
  plans(@Query() query: PublishedPlansQuery) {
    return this.queries.execute(new ListPublishedPlans(query.member));
  }
}
