// POST /review/plans/:planId/inception-assessment — RecordInceptionAssessment (reviewer).
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
import { RecordInceptionAssessmentRequest } from './record-inception-assessment.request';

@ApiTags('review')
@Roles('reviewer')
@Controller('review/plans')
export class RecordInceptionAssessmentController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/inception-assessment')
  @CommandRoute('Record the inception assessment of a submitted plan', 'RecordInceptionAssessment')
  record(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: RecordInceptionAssessmentRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId, assessedOn: body.assessedOn, reportUrl: body.reportUrl, summary: body.summary };
    return issue(this.bus, { type: 'RecordInceptionAssessment', data }, context, expected, etag);
  }
}
