// POST /admin/commitments/:commitmentId/withdrawal — WithdrawCommitment.
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
import { WithdrawCommitmentRequest } from './withdraw-commitment.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/commitments')
export class WithdrawCommitmentController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':commitmentId/withdrawal')
  @CommandRoute('Withdraw a commitment', 'WithdrawCommitment')
  withdraw(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Body() body: WithdrawCommitmentRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, reason: body.reason };
    return issue(this.bus, { type: 'WithdrawCommitment', data }, context, expected, etag);
  }
}
