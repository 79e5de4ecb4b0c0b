// What every command route does after validation: dispatch IssueCommand, set the ETag to the new revision.
import type { CommandBus } from '@nestjs/cqrs';
import type { DomainCommand } from '@ogp/domain';
import type { ExpectedRevision } from '@ogp/event-store';
import { IssueCommand, type CommandContext, type CommandResult } from '@ogp/tracker';
import type { ETagSetter } from '../platform/etag';

export async function issue(
  bus: CommandBus,
  command: DomainCommand,
  context: CommandContext,
  expectedRevision: ExpectedRevision | undefined,
  setETag: ETagSetter,
): Promise<CommandResult> {
  const result = await bus.execute(new IssueCommand(command, { ...context, expectedRevision }));
  setETag(BigInt(result.revision));
  return result;
}
