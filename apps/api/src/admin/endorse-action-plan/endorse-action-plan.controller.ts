// POST /admin/plans/:planId/endorsement — EndorseActionPlan: civil society endorses the draft.
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
import { EndorseActionPlanRequest } from './endorse-action-plan.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class EndorseActionPlanController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/endorsement')
  @CommandRoute('Record the civil society endorsement of a draft plan', 'EndorseActionPlan')
  endorse(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: EndorseActionPlanRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId, endorsedOn: body.endorsedOn, endorsedBy: body.endorsedBy, statementUrl: body.statementUrl ?? null };
    return issue(this.bus, { type: 'EndorseActionPlan', data }, context, expected, etag);
  }
}
