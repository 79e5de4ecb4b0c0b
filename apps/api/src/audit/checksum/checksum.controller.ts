// GET /audit/read-models/:name/checksum — a read model's deterministic checksum, live or at a past position.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { READ_MODEL_NAMES, type ReadModelName } from '@ogp/projections';
import { GetReadModelChecksum, type Principal } from '@ogp/tracker';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Roles } from '../../platform/access.decorators';
import { ProblemException } from '../../platform/problem.exception';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { POSITION_PATTERN } from '../read.request';
import { ChecksumAnswer } from './checksum.responses';

export class ChecksumParams {
  @ApiProperty({ enum: READ_MODEL_NAMES, example: 'entity-state', description: 'The read model' })
  @IsIn(READ_MODEL_NAMES)
  name!: ReadModelName;
}

export class ChecksumQuery {
  @ApiPropertyOptional({ example: '1/1', description: 'a past position (auditors only, one at a time): the read model is rebuilt up to it in a scratch database' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: 'position must look like 120/120' })
  position?: string;
}

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class ChecksumController {
  private rebuilding = false;

  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get('read-models/:name/checksum')
  @ApiOperation({ summary: 'SHA-256 over the read model rows in key order; compare with `npm run cli -- replay`' })
  @ApiOkResponse({ type: ChecksumAnswer, description: 'The read model, the position the checksum reflects, and the SHA-256' })
  async checksum(@Param() params: ChecksumParams, @Query() query: ChecksumQuery, @CurrentPrincipal() principal: Principal) {
    // A checksum covers every member's rows (and costs a scan of them all): not for a key scoped to one member.
    this.scope.everyMember(principal, 'A read model checksum');
    if (query.position === undefined) return this.queries.execute(new GetReadModelChecksum(params.name));
    // A past position rebuilds the read model in a scratch database: auditors only, and one at a time.
    if (principal.role !== 'auditor') throw new ProblemException('forbidden', 'A checksum at a past position is for auditors');
    if (this.rebuilding) throw new ProblemException('not-ready', 'Another checksum at a past position is being computed; retry shortly');
    this.rebuilding = true;
    try {
      return await this.queries.execute(new GetReadModelChecksum(params.name, query.position));
    } finally {
      this.rebuilding = false;
    }
  }
}
