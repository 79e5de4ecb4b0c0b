// POST /admin/members — RegisterMember: a new OGP Local member, whose id the client supplies.
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { ExpectedRevision } from '@ogp/event-store';
import type { CommandContext, CommandResult } from '@ogp/tracker';
import { Roles } from '../../platform/access.decorators';
import { IfMatch, ResponseETag, type ETagSetter } from '../../platform/etag';
import { CurrentCommand } from '../../platform/request.decorators';
import { CommandRoute } from '../command-responses';
import { issue } from '../issue';
import { RegisterMemberRequest } from './register-member.request';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/members')
export class RegisterMemberController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @CommandRoute('Register an OGP Local member', 'RegisterMember')
  register(@Body() body: RegisterMemberRequest, @CurrentCommand() context: CommandContext, @IfMatch() expected: ExpectedRevision | undefined, @ResponseETag() etag: ETagSetter): Promise<CommandResult> {
    const { memberId, name, country, cohort, partners, timeZone } = body;
    return issue(this.bus, { type: 'RegisterMember', data: { memberId, name, country, cohort, partners, ...(timeZone === undefined ? {} : { timeZone }) } }, context, expected, etag);
  }
}
