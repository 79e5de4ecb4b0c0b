// POST /admin/commitments/:commitmentId/claims — ReportProgress; a body claimId makes a new version of that claim.
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import { IdGenerator, type CommandContext, type CommandResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { CommandRoute } from '../command-responses';
import { issue } from '../issue';
import { idOf } from '../parse-id.pipe';
import { evidenceOf } from '../shared.request';
import { ReportProgressRequest } from './report-progress.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/commitments')
export class ReportProgressController {
  constructor(
    private readonly bus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':commitmentId/claims')
  @CommandRoute('Report progress on a milestone (a new claim, or a new version of the claim named in the body)', 'ReportProgress')
  report(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Body() body: ReportProgressRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    // A claimId in the body names a claim to amend: an unknown one is refused, not taken for a new claim.
    const claim = body.claimId === undefined ? { claimId: this.ids.entityId(context.commandId, 'claim') } : { claimId: body.claimId, amends: true };
    const data = { commitmentId, ...claim, milestoneId: body.milestoneId, completion: body.completion, asOf: body.asOf, narrative: body.narrative, evidence: evidenceOf(body.evidence) };
    return issue(this.bus, { type: 'ReportProgress', data }, context, expected, etag);
  }
}
