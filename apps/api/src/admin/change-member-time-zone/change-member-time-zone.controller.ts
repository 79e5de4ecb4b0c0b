// POST /admin/members/:memberId/time-zone — ChangeMemberTimeZone.
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
import { ChangeMemberTimeZoneRequest } from './change-member-time-zone.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/members')
export class ChangeMemberTimeZoneController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':memberId/time-zone')
  @CommandRoute("Change the time zone of the member's days, from now on", 'ChangeMemberTimeZone')
  change(
    @Param('memberId', idOf('member')) memberId: string,
    @Body() body: ChangeMemberTimeZoneRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    return issue(this.bus, { type: 'ChangeMemberTimeZone', data: { memberId, timeZone: body.timeZone, reason: body.reason } }, context, expected, etag);
  }
}
