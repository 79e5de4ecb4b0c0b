// POST /admin/commitments/:commitmentId/milestones/:milestoneId/rescheduling — RescheduleMilestone.
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
import { RescheduleMilestoneRequest } from './reschedule-milestone.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/commitments')
export class RescheduleMilestoneController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':commitmentId/milestones/:milestoneId/rescheduling')
  @CommandRoute('Reschedule a milestone', 'RescheduleMilestone')
  reschedule(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Param('milestoneId', idOf('milestone')) milestoneId: string,
    @Body() body: RescheduleMilestoneRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, milestoneId, startDate: body.startDate, dueDate: body.dueDate, reason: body.reason };
    return issue(this.bus, { type: 'RescheduleMilestone', data }, context, expected, etag);
  }
}
