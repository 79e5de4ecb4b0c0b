// POST /admin/plans/:planId/submission — SubmitActionPlan.
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import type { CommandContext, CommandResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { CommandRoute } from '../command-responses';
import { issue } from '../issue';
import { idOf } from '../parse-id.pipe';
import { SubmitActionPlanRequest } from './submit-action-plan.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class SubmitActionPlanController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/submission')
  @CommandRoute('Submit an action plan to OGP', 'SubmitActionPlan')
  submit(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: SubmitActionPlanRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId, submittedOn: body.submittedOn };
    return issue(this.bus, { type: 'SubmitActionPlan', data }, context, expected, etag);
  }
}
