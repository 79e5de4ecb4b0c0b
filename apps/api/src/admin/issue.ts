// What every command route does after validation: dispatch IssueCommand, set the ETag to the new revision.
import type { CommandBus } from '@nestjs/cqrs';
import type { DomainCommand } from '@ogp/domain';
import type { ExpectedRevision } from '@ogp/event-store';
import { IssueCommand, type CommandContext, type CommandResult } from '@ogp/tracker';
import type { ETagSetter } from '../platform/etag';
import { ProblemException } from '../platform/problem.exception';
import { CREATING_COMMANDS } from './command-responses';

/** The entity ids a command names: those a client needs for its next request (a new entity's above all). */
const ID_FIELDS = ['memberId', 'planId', 'commitmentId', 'milestoneId', 'claimId', 'meetingId'] as const;

export type CommandAnswer = CommandResult & { readonly ids: Readonly<Record<string, string>> };

export async function issue(
  bus: CommandBus,
  command: DomainCommand,
  context: CommandContext,
  expectedRevision: ExpectedRevision | undefined,
  setETag: ETagSetter,
): Promise<CommandAnswer> {
  if (expectedRevision !== undefined && CREATING_COMMANDS.has(command.type)) {
    throw new ProblemException('invalid-header', `${command.type} creates a new entity, of which no revision can have been read: leave If-Match out`);
  }
  const result = await bus.execute(new IssueCommand(command, { ...context, expectedRevision }));
  setETag(BigInt(result.revision));
  const data = command.data as Readonly<Record<string, unknown>>;
  const ids: Record<string, string> = {};
  for (const field of ID_FIELDS) if (typeof data[field] === 'string') ids[field] = data[field];
  return { ...result, ids };
}
