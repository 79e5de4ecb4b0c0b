// Reviewer decisions on a progress claim: VerifyClaim, DisputeClaim and RequestEvidence (one use case, three verdicts).
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import type { CommandContext, CommandResult } from '@ogp/tracker';
import { CommandRoute } from '../../admin/command-responses';
import { issue } from '../../admin/issue';
import { idOf } from '../../admin/parse-id.pipe';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { DisputeClaimRequest, RequestEvidenceRequest, VerifyClaimRequest } from './review-claim.request';

@ApiTags('review')
@Roles('reviewer')
@Controller('review/commitments/:commitmentId/claims/:claimId')
export class ReviewClaimController {
  constructor(private readonly bus: CommandBus) {}

  @Post('verification')
  @CommandRoute('Verify a version of a progress claim', 'VerifyClaim')
  verify(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Param('claimId', idOf('claim')) claimId: string,
    @Body() body: VerifyClaimRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, claimId, version: body.version, reason: body.reason };
    return issue(this.bus, { type: 'VerifyClaim', data }, context, expected, etag);
  }

  @Post('dispute')
  @CommandRoute('Dispute a version of a progress claim', 'DisputeClaim')
  dispute(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Param('claimId', idOf('claim')) claimId: string,
    @Body() body: DisputeClaimRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, claimId, version: body.version, reason: body.reason };
    return issue(this.bus, { type: 'DisputeClaim', data }, context, expected, etag);
  }

  @Post('evidence-requests')
  @CommandRoute('Ask for more evidence on a version of a progress claim', 'RequestEvidence')
  requestEvidence(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Param('claimId', idOf('claim')) claimId: string,
    @Body() body: RequestEvidenceRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, claimId, version: body.version, request: body.request };
    return issue(this.bus, { type: 'RequestEvidence', data }, context, expected, etag);
  }
}
