// POST /admin/members/:memberId/forum-meetings — RecordForumMeeting; the meeting id is generated.
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
import { RecordForumMeetingRequest } from './record-forum-meeting.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/members')
export class RecordForumMeetingController {
  constructor(
    private readonly bus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':memberId/forum-meetings')
  @CommandRoute('Record a multi-stakeholder forum meeting', 'RecordForumMeeting')
  record(
    @Param('memberId', idOf('member')) memberId: string,
    @Body() body: RecordForumMeetingRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const { government, civilSociety } = body.participants;
    const data = { memberId, meetingId: this.ids.entityId(context.commandId, 'forum meeting'), heldOn: body.heldOn, participants: { government, civilSociety }, minutesUrl: body.minutesUrl ?? null };
    return issue(this.bus, { type: 'RecordForumMeeting', data }, context, expected, etag);
  }
}
