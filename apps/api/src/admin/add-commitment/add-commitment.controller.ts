// POST /admin/plans/:planId/commitments — AddCommitment; the commitment id is generated.
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
import { AddCommitmentRequest, termsOf } from './add-commitment.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class AddCommitmentController {
  constructor(
    private readonly bus: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post(':planId/commitments')
  @CommandRoute('Add a commitment to a plan (a reason is required once the plan is submitted)', 'AddCommitment')
  add(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: AddCommitmentRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { ...termsOf(body), commitmentId: this.ids.entityId(context.commandId, 'commitment'), planId, reason: body.reason ?? null };
    return issue(this.bus, { type: 'AddCommitment', data }, context, expected, etag);
  }
}
