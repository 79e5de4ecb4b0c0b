// POST /admin/members/:memberId/plans — DraftActionPlan; the plan id is generated and returned in the stream name.
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
import { DraftActionPlanRequest } from './draft-action-plan.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/members')
export class DraftActionPlanController {
  constructor(
    private readonly bus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':memberId/plans')
  @CommandRoute('Draft an action plan (its id is in the answer: stream plan-<planId>)', 'DraftActionPlan')
  draft(
    @Param('memberId', idOf('member')) memberId: string,
    @Body() body: DraftActionPlanRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId: this.ids.entityId(context.commandId, 'plan'), memberId, title: body.title, periodStart: body.periodStart, periodEnd: body.periodEnd };
    return issue(this.bus, { type: 'DraftActionPlan', data }, context, expected, etag);
  }
}
