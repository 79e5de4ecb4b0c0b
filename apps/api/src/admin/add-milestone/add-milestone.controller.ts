// POST /admin/commitments/:commitmentId/milestones — AddMilestone; the milestone id is generated.
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
import { AddMilestoneRequest } from './add-milestone.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/commitments')
export class AddMilestoneController {
  constructor(
    private readonly bus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':commitmentId/milestones')
  @CommandRoute('Add a milestone to a commitment', 'AddMilestone')
  add(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Body() body: AddMilestoneRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, milestoneId: this.ids.entityId(context.commandId, 'milestone'), title: body.title, startDate: body.startDate, dueDate: body.dueDate };
    return issue(this.bus, { type: 'AddMilestone', data }, context, expected, etag);
  }
}
