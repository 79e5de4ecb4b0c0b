// GET /audit/members/:id/plans — the member's action plans and their commitments, by name: ids are generated, and
// this is where an admin finds them again.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetMemberPlans, type MemberPlans, type Principal, type ReadResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { CachedRead } from '../../platform/read-cache';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { MemberIdParams, OwnWriteQuery } from '../read.request';
import { ReadScope } from '../read-scope';
import { MemberPlansAnswer } from './member-plans.responses';

const EXAMPLE: ReadResult<MemberPlans> = {
  position: '42/42',
  data: {
    memberId: 'semarang',
    plans: [
      {
        planId: 'df6ef14d-87c1-504c-b211-9a4df811cccd',
        title: 'Rencana Aksi OGP Lokal Kota Semarang 2026–2028',
        periodStart: '2026-12',
        periodEnd: '2028-11',
        status: 'Submitted',
        commitments: [{ commitmentId: '309a5ce1-93a5-5aef-ad1f-5c534a718b27', ogpId: 'IDSMG0006', title: 'Keterbukaan anggaran kelurahan', status: 'Active' }],
      },
    ],
  },
};

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class MemberPlansController {
  constructor(
    private readonly queries: QueryBus,
    private readonly scope: ReadScope,
  ) {}

  @Get('members/:id/plans')
  @CachedRead()
  @ApiOperation({
    summary: "The member's action plans, each with its commitments (ids, OGP ids, titles, statuses)",
    description:
      'Plans in the order of their periods, each with planId, title, period, status and its commitments (commitmentId, ogpId, ' +
      'title, status; by OGP id). Current state only (no asOf), all in one answer (no paging: a member has few plans). ' +
      'An unknown member, or another member for a key scoped to one, is 404. No ETag: read an entity itself for the one to send as If-Match.',
  })
  @ApiOkResponse({ type: MemberPlansAnswer, description: "The member's plans, each with its commitments", example: EXAMPLE })
  async list(@Param() params: MemberIdParams, @Query() query: OwnWriteQuery, @CurrentPrincipal() principal: Principal): Promise<ReadResult<MemberPlans>> {
    await this.scope.entity(principal, 'member', params.id, query.waitFor);
    return this.queries.execute(new GetMemberPlans(params.id, query.waitFor));
  }
}
