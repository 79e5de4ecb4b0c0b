// POST /admin/commitments/:commitmentId/revisions — ReviseCommitment: changes some terms, with a reason.
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
import { changesOf, ReviseCommitmentRequest } from './revise-commitment.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/commitments')
export class ReviseCommitmentController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':commitmentId/revisions')
  @CommandRoute('Revise some terms of a commitment', 'ReviseCommitment')
  revise(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Body() body: ReviseCommitmentRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, changes: changesOf(body.changes), reason: body.reason };
    return issue(this.bus, { type: 'ReviseCommitment', data }, context, expected, etag);
  }
}
