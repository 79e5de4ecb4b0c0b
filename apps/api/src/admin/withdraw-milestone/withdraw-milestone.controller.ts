// POST /admin/commitments/:commitmentId/milestones/:milestoneId/withdrawal — WithdrawMilestone.
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
import { WithdrawMilestoneRequest } from './withdraw-milestone.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/commitments')
export class WithdrawMilestoneController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':commitmentId/milestones/:milestoneId/withdrawal')
  @CommandRoute('Withdraw a milestone', 'WithdrawMilestone')
  withdraw(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Param('milestoneId', idOf('milestone')) milestoneId: string,
    @Body() body: WithdrawMilestoneRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, milestoneId, reason: body.reason };
    return issue(this.bus, { type: 'WithdrawMilestone', data }, context, expected, etag);
  }
}
