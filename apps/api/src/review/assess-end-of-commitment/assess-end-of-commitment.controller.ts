// POST /review/commitments/:commitmentId/end-of-commitment-assessment — AssessEndOfCommitment (reviewer).
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import type { CommandContext, CommandResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { CommandRoute } from '../../admin/command-responses';
import { issue } from '../../admin/issue';
import { idOf } from '../../admin/parse-id.pipe';
import { AssessEndOfCommitmentRequest, outcomesOf } from './assess-end-of-commitment.request';
import { evidenceOf } from '../../admin/shared.request';

@ApiTags('review')
@Roles('reviewer')
@Controller('review/commitments')
export class AssessEndOfCommitmentController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':commitmentId/end-of-commitment-assessment')
  @CommandRoute('Assess a commitment at its end (completion, did it open government)', 'AssessEndOfCommitment')
  assess(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Body() body: AssessEndOfCommitmentRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, assessedOn: body.assessedOn, completion: body.completion, didItOpenGovernment: outcomesOf(body.didItOpenGovernment), evidence: evidenceOf(body.evidence) };
    return issue(this.bus, { type: 'AssessEndOfCommitment', data }, context, expected, etag);
  }
}
