// POST /admin/commitments/:commitmentId/claims — ReportProgress; a body claimId makes a new version of that claim.
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import { IdGenerator, type CommandContext, type CommandResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { CommandRoute } from '../command-responses';
import { issue } from '../issue';
import { idOf } from '../parse-id.pipe';
import { EVIDENCE_EXAMPLE, evidenceOf } from '../shared.request';
import { ID_EXAMPLES } from '../../platform/id-examples';
import { ReportProgressRequest } from './report-progress.request';

const NEW_CLAIM = {
  milestoneId: ID_EXAMPLES.milestone,
  completion: 'Substantial',
  asOf: '2022-06-30',
  narrative: 'Service standard published; 12 of 16 agencies have completed their information lists',
  evidence: [EVIDENCE_EXAMPLE],
};

/** Named examples, the first one Swagger UI's default: most requests report a new claim, without claimId. */
const CLAIM_EXAMPLES = {
  'a new claim': { value: NEW_CLAIM },
  'a new version of a claim': {
    description: 'claimId names a claim reported before (its first report answered it in ids)',
    value: { ...NEW_CLAIM, claimId: ID_EXAMPLES.claim, completion: 'Complete', asOf: '2022-12-31', narrative: 'All 16 agencies have completed their information lists' },
  },
};

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
  @ApiBody({ type: ReportProgressRequest, examples: CLAIM_EXAMPLES })
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
