// GET /audit/diff?from=&to= — what changed between two instants of recording, who changed it and why.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MEMBER_ID_PATTERN } from '@ogp/domain';
import { AS_OF_PATTERN, DiffWindowError } from '@ogp/projections';
import { GetDiff, type Principal } from '@ogp/tracker';
import { IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { Roles } from '../../platform/access.decorators';
import { ProblemException } from '../../platform/problem.exception';
import { AS_OF_MESSAGE } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { DiffAnswer } from './diff.responses';

export class DiffQuery {
  @ApiProperty({
    example: '2022-01-01T00:00:00Z',
    description: "events recorded after this instant; a bare date (2022-01-01) takes in that whole day (the member's day with memberId or a member's key, else UTC's)",
  })
  @IsISO8601({ strict: true })
  @Matches(AS_OF_PATTERN, { message: AS_OF_MESSAGE })
  from!: string;

  @ApiProperty({ example: '2022-07-01T00:00:00Z', description: "up to this instant included; a bare date means the end of that day (the member's, as for from)" })
  @IsISO8601({ strict: true })
  @Matches(AS_OF_PATTERN, { message: AS_OF_MESSAGE })
  to!: string;

  @ApiPropertyOptional({ example: 'semarang', description: "only this member's member, plan and commitment streams; bare dates are then days in its time zone" })
  @IsOptional()
  @MaxLength(40)
  @Matches(MEMBER_ID_PATTERN, { message: 'member must be a member id: lowercase letters, digits and dashes, such as semarang' })
  memberId?: string;
}

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class DiffController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get('diff')
  @ApiOperation({ summary: 'Entities changed between two instants of recording, with the events, actors and reasons' })
  @ApiOkResponse({ type: DiffAnswer, description: 'The window (from, to] as UTC instants, the entities changed with their events, and the actors' })
  async diff(@Query() query: DiffQuery, @CurrentPrincipal() principal: Principal) {
    try {
      return await this.queries.execute(new GetDiff(query.from, query.to, { memberId: this.scope.member(principal, query.memberId) }));
    } catch (error) {
      // Whether from is after to is known once bare dates are instants, in the member's zone: the query says so.
      if (error instanceof DiffWindowError) throw new ProblemException('validation-failed', `\`from\` (${query.from}) must not be after \`to\` (${query.to})`);
      throw error;
    }
  }
}
