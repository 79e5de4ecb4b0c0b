// POST /admin/members/:memberId/forum-meetings/:meetingId/withdrawal — WithdrawForumMeeting.
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
import { WithdrawForumMeetingRequest } from './withdraw-forum-meeting.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/members')
export class WithdrawForumMeetingController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':memberId/forum-meetings/:meetingId/withdrawal')
  @CommandRoute('Withdraw a forum meeting recorded by mistake (it no longer counts; record the corrected one anew)', 'WithdrawForumMeeting')
  withdraw(
    @Param('memberId', idOf('member')) memberId: string,
    @Param('meetingId', idOf('meeting')) meetingId: string,
    @Body() body: WithdrawForumMeetingRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { memberId, meetingId, reason: body.reason };
    return issue(this.bus, { type: 'WithdrawForumMeeting', data }, context, expected, etag);
  }
}
