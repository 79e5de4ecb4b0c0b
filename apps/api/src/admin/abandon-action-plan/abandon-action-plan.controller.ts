// POST /admin/plans/:planId/abandonment — AbandonActionPlan.
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
import { AbandonActionPlanRequest } from './abandon-action-plan.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class AbandonActionPlanController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/abandonment')
  @CommandRoute('Abandon a draft action plan (it stays in history; no obligation applies to it from then on)', 'AbandonActionPlan')
  abandon(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: AbandonActionPlanRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId, reason: body.reason };
    return issue(this.bus, { type: 'AbandonActionPlan', data }, context, expected, etag);
  }
}
