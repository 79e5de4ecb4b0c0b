// POST /admin/plans/:planId/end — EndActionPlan.
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
import { EndActionPlanRequest } from './end-action-plan.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class EndActionPlanController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/end')
  @CommandRoute('End an action plan', 'EndActionPlan')
  end(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: EndActionPlanRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId, endedOn: body.endedOn };
    return issue(this.bus, { type: 'EndActionPlan', data }, context, expected, etag);
  }
}
