// POST /admin/plans/:planId/implementation — StartImplementation of a submitted plan.
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
import { StartImplementationRequest } from './start-implementation.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/plans')
export class StartImplementationController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':planId/implementation')
  @CommandRoute('Start implementing a submitted plan', 'StartImplementation')
  start(
    @Param('planId', idOf('plan')) planId: string,
    @Body() body: StartImplementationRequest,
    @CurrentCommand() context: CommandContext,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() etag: ETagSetter,
  ): Promise<CommandResult> {
    const data = { planId, startedOn: body.startedOn };
    return issue(this.bus, { type: 'StartImplementation', data }, context, expected, etag);
  }
}
