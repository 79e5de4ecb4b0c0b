// GET /public/plans — published action plans (submitted or later), their commitments and progress, for anyone, no key.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MEMBER_ID_PATTERN } from '@ogp/domain';
import { ListPublishedPlans } from '@ogp/tracker';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Public } from '../../platform/access.decorators';
import { CachedRead } from '../../platform/read-cache';
import { PublishedPlansAnswer } from './published-plans.responses';

export class PublishedPlansQuery {
  @ApiPropertyOptional({ example: 'semarang', description: 'Only this member\'s plans; a member that is not registered is 404 (read.entity-not-found)' })
  @IsOptional()
  @MaxLength(40)
  @Matches(MEMBER_ID_PATTERN, { message: 'member must be a member id: lowercase letters, digits and dashes, such as semarang' })
  member?: string;
}

@ApiTags('public')
@Public()
@Controller('public')
export class PublishedPlansController {
  constructor(private readonly queries: QueryBus) {}

  @Get('plans')
  @CachedRead()
  @ApiOperation({
    summary: 'Published action plans (Submitted, Implementing, Ended) with their commitments and progress roll-up',
    description:
      'Drafts and abandoned plans, and their commitments, are not shown. Each plan comes with its commitments as OGP publishes them ' +
      '(OGP id, title, period, institutions, policy area, values, problem, status quo, action, objective, milestones with dates, ' +
      "OGP's design and end-of-commitment assessments), ordered by OGP id then title, and with its progress roll-up, in which each " +
      "milestone names its latest claim and that claim's review status (a claim OGP disputed shows as reviewStatus Disputed). " +
      'Claims themselves (narratives, evidence) and the key ids of those who recorded anything are not public. ' +
      'With ?member= of a member that is not registered: 404 read.entity-not-found (a registered member with nothing published: an empty list).',
  })
  @ApiOkResponse({ type: PublishedPlansAnswer, description: 'Each published plan with its commitments as OGP publishes them and its progress roll-up (null: none)' })
  plans(@Query() query: PublishedPlansQuery) {
    return this.queries.execute(new ListPublishedPlans(query.member));
  }
}
