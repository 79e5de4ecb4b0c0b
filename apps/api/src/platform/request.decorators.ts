// Parameter decorators that hand controllers what the platform knows about the request.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type CommandContext, IdGenerator, type Principal } from '@ogp/tracker';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception';
import { IDEMPOTENCY_KEY_HEADER, requestFingerprint, singleHeader } from './request-context';

const ids = new IdGenerator();

function requestOf(context: ExecutionContext): FastifyRequest {
  return context.switchToHttp().getRequest<FastifyRequest>();
}

/** The caller (key id, role, name, member scope). Present on every non-public route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  // Only reachable on a @Public() route, where asking for a principal is a programming error.
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

/** The request's correlation id (X-Correlation-Id if valid, else generated); echoed in the response and logs. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => requestOf(context).id);

/**
 * The command id: derived from (API key id, Idempotency-Key, request fingerprint) when the request carries a key, so
 * that a retry yields the same id (and event ids derived from it); a fresh UUID otherwise.
 */
export function commandIdOf(request: FastifyRequest): string {
  if (request.commandId === undefined) {
    const key = singleHeader(request.headers[IDEMPOTENCY_KEY_HEADER]);
    request.commandId = key !== undefined && request.principal ? ids.commandIdFor(request.principal.keyId, key, requestFingerprint(request)) : ids.uuid();
  }
  return request.commandId;
}

export const CommandId = createParamDecorator((_data: unknown, context: ExecutionContext): string => commandIdOf(requestOf(context)));

/** Principal, command id and correlation id in one object, for a command's audit metadata. */
export const CurrentCommand = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => {
  const request = requestOf(context);
  if (!request.principal) throw new Error('CurrentCommand used on a public route');
  const repeatable = singleHeader(request.headers[IDEMPOTENCY_KEY_HEADER]) !== undefined;
  return { principal: request.principal, commandId: commandIdOf(request), correlationId: request.id, ...(repeatable ? { repeatable } : {}) };
});

/** Validates an Idempotency-Key value: 1 to 255 visible ASCII characters. */
export function assertIdempotencyKey(value: string): void {
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new ProblemException('invalid-header', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
}
