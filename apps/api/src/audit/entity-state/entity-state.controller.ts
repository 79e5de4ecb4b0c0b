// GET /audit/{members|plans|commitments}/:id — an entity's state now or as of an instant, with its ETag.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetEntity, type Principal } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { ResponseETag, type ETagSetter } from '../../platform/etag';
import { EntityParams, kindOf, ReadQuery } from '../read.request';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';
import { CachedRead } from '../../platform/read-cache';
import { EntityReadAnswer } from './entity-state.responses';

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class EntityStateController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get(':collection/:id')
  @CachedRead()
  @ApiOperation({
    summary: 'State of a member, plan or commitment (milestones and claims included), now or ?asOf an instant',
    description: 'ETag is the entity stream revision the state reflects: send it back as If-Match on a command.',
  })
  @ApiOkResponse({
    type: EntityReadAnswer,
    description: "The entity's state; a commitment's data also has planStatus, its plan's status at the same moment (its own status says only whether it was withdrawn)",
  })
  async get(@Param() params: EntityParams, @Query() query: ReadQuery, @ResponseETag() setETag: ETagSetter, @CurrentPrincipal() principal: Principal) {
    await this.scope.entity(principal, kindOf(params.collection), params.id, query.waitFor);
    const result = await this.queries.execute(new GetEntity(kindOf(params.collection), params.id, query));
    setETag(BigInt(result.data.revision));
    return result;
  }
}
