// POST /admin/members/:memberId/public-information — UpdatePublicInformation.
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
import { UpdatePublicInformationRequest } from './update-public-information.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/members')
export class UpdatePublicInformationController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':memberId/public-information')
  @CommandRoute("Record an update of the member's public OGP information", 'UpdatePublicInformation')
  update(
    @Param('memberId', idOf('member')) memberId: string,
    @Body() body: UpdatePublicInformationRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { memberId, url: body.url, updatedOn: body.updatedOn, summary: body.summary };
    return issue(this.bus, { type: 'UpdatePublicInformation', data }, context, expected, etag);
  }
}
