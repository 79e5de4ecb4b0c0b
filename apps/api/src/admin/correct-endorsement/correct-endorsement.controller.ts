// POST /admin/plans/:planId/endorsement/correction — CorrectEndorsement.
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
import { CorrectEndorsementRequest } from './correct-endorsement.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class CorrectEndorsementController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/endorsement/correction')
  @CommandRoute("Correct the civil society endorsement recorded (a mistyped date or names); the old values stay in history", 'CorrectEndorsement')
  correct(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: CorrectEndorsementRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    // A statementUrl left out keeps the statement recorded (the domain's rule); null removes it.
    const data = { planId, endorsedOn: body.endorsedOn, endorsedBy: body.endorsedBy, statementUrl: body.statementUrl, reason: body.reason };
    return issue(this.bus, { type: 'CorrectEndorsement', data }, context, expected, etag);
  }
}
