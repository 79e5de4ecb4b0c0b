// POST /review/commitments/:commitmentId/design-assessment — AssessDesign (reviewer).
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import type { CommandContext, CommandResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { CommandRoute } from '../../admin/command-responses';
import { issue } from '../../admin/issue';
import { idOf } from '../../admin/parse-id.pipe';
import { AssessDesignRequest, relevanceOf } from './assess-design.request';

@ApiTags('review')
@Roles('reviewer')
@Controller('review/commitments')
export class AssessDesignController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':commitmentId/design-assessment')
  @CommandRoute('Assess the design of a commitment (verifiability, relevance, potential for results)', 'AssessDesign')
  assess(
    @Param('commitmentId', idOf('commitment')) commitmentId: string,
    @Body() body: AssessDesignRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { commitmentId, assessedOn: body.assessedOn, verifiability: body.verifiability, relevance: relevanceOf(body.relevance), potentialForResults: body.potentialForResults };
    return issue(this.bus, { type: 'AssessDesign', data }, context, expected, etag);
  }
}
