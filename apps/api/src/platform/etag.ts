// ETag / If-Match: the ETag of an entity is its stream revision in quotes ("3"); If-Match "3" expects revision 3.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ExpectedRevision } from '@ogp/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception';

export function formatETag(revision: bigint): string {
  return `"${revision.toString()}"`;
}

/**
 * The expected revision an If-Match header asks for: `"3"` -> 3n, `*` -> 'exists', absent -> undefined.
 * Anything else (weak tags, lists, junk) is a 400: a command must name exactly one revision.
 */
export function parseIfMatch(header: string | string[] | undefined): ExpectedRevision | undefined {
  if (header === undefined) return undefined;
  const value = typeof header === 'string' ? header.trim() : '';
  if (value === '*') return 'exists';
  const match = /^"(0|[1-9][0-9]{0,18})"$/.exec(value);
  if (!match) throw new ProblemException('invalid-header', 'If-Match must be one strong ETag such as "3", or *');
  return BigInt(match[1]!);
}

/** The expected revision from If-Match (undefined when absent); pass it to the handler's append. */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): ExpectedRevision | undefined =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

export type ETagSetter = (revision: bigint) => void;

/** A function that sets the response's ETag to a revision; call it on reads and command answers. */
export const ResponseETag = createParamDecorator((_data: unknown, context: ExecutionContext): ETagSetter => {
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  return (revision) => void reply.header('etag', formatETag(revision));
});
