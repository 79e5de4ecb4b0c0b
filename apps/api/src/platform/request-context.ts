// What the platform attaches to each Fastify request: the authenticated principal, the command id, its fingerprint.
import { createHash } from 'node:crypto';
import { canonicalize } from '@ogp/ledger';
import type { IdempotencyScope, Principal } from '@ogp/tracker';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every non-public route, before the body is read (authenticateBeforeBody) or by ApiKeyGuard. */
    principal?: Principal;
    /** Set on first use by commandIdOf (see request.decorators.ts). */
    commandId?: string;
    /** Set on first use by requestFingerprint: the idempotency claim and the command id read the same one. */
    fingerprint?: string;
    /** The Idempotency-Key claimed for this request, until its answer is recorded (see idempotency.guard.ts). */
    idempotency?: IdempotencyScope;
    /** The code of the problem answered, set by the problem filter. */
    problemCode?: string;
  }
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What makes two requests the same request for an Idempotency-Key: method, URL and body (canonical JSON, so that key
 * order and spacing do not count). Read before the route's pipes, from the body as received.
 */
export function requestFingerprint(request: FastifyRequest): string {
  if (request.fingerprint === undefined) {
    const body = request.body === undefined ? '' : canonicalize(request.body);
    request.fingerprint = createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
  }
  return request.fingerprint;
}

/** The single value of a header, or undefined when absent or repeated (a repeated header is ambiguous). */
export function singleHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
