// Idempotency-Key on commands: a retry gets the first answer and runs nothing; answers below 500 are recorded.
// A route guard claims the key after authentication and throttling, and an onSend hook records the answer as sent:
// no Nest interceptor, whose RxJS pipeline and AsyncResource bindings cost every command a sixth of its CPU time.
import { type CanActivate, type ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { IDEMPOTENCY_STORE, type IdempotencyScope, type IdempotencyStore } from '@ogp/tracker';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception';
import { RecordedAnswerReplay } from './recorded-answer';
import { assertIdempotencyKey } from './request.decorators';
import { IDEMPOTENCY_KEY_HEADER, requestFingerprint, singleHeader, WRITE_METHODS } from './request-context';

/**
 * Answers a retry may not get: the command lost a race with other writers (after its own retries) and was not run;
 * or it was refused for the state of another entity than its own (an overlapping plan, a commitment holding the OGP
 * id), which the refusal tells the client to change (abandon that draft, withdraw that commitment) before retrying.
 */
const NOT_KEPT: ReadonlySet<string> = new Set(['wrong-expected-version', 'duplicate-event-id', 'plan.period-overlaps', 'commitment.ogp-id-taken']);

type EntityKind = 'member' | 'plan' | 'commitment';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by CommandRoute: the kind of entity the route's command decides on. */
    ogpCommandAggregate?: EntityKind;
  }
}

/** The entity a domain code speaks of, by its prefix (a milestone, claim, review or assessment is its commitment's). */
const KIND_OF_CODE: Readonly<Record<string, EntityKind>> = {
  member: 'member', forum: 'member', 'public-information': 'member',
  plan: 'plan', inception: 'plan',
  commitment: 'commitment', milestone: 'commitment', claim: 'commitment', review: 'commitment', design: 'commitment', assessment: 'commitment',
};

/**
 * A refusal for the state of another entity than the command's own (a claim on a commitment whose plan is still a
 * draft: plan.invalid-transition; a draft for a member not registered yet): the client changes that entity first,
 * and the retry must then run, not replay the refusal for the record's whole retention.
 */
function refusedForAnotherEntity(code: string, routeKind: EntityKind | undefined): boolean {
  const codeKind = KIND_OF_CODE[code.slice(0, code.indexOf('.'))];
  return codeKind !== undefined && routeKind !== undefined && codeKind !== routeKind;
}

/**
 * Answers to requests that never became a command, kept for no retry: 400 (the request itself was malformed: the
 * client corrects it and sends it again under the same key) and 412 (its If-Match was stale: the client reads the
 * entity again and retries with the new ETag). Domain refusals (409, 422, ...) are decisions, and are replayed.
 */
const NOT_RUN: ReadonlySet<number> = new Set([400, 412]);

/**
 * Claims the request's Idempotency-Key before the route's pipes and handler run (global guards, authentication and
 * the write throttle, have run: a refused request claims nothing). A repeat of a recorded request is answered from
 * the record by the problem filter (RecordedAnswerReplay), byte for byte; the handler does not run.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly records: IdempotencyStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (!WRITE_METHODS.has(request.method) || header === undefined || !request.principal) return true;
    const idempotencyKey = singleHeader(header);
    if (idempotencyKey === undefined) throw new ProblemException('invalid-header', 'Send one Idempotency-Key');
    assertIdempotencyKey(idempotencyKey);

    const scope: IdempotencyScope = { apiKeyId: request.principal.keyId, idempotencyKey };
    const decision = await this.records.begin(scope, requestFingerprint(request));
    switch (decision.type) {
      case 'proceed':
        // Recorded (or released) by recordIdempotentAnswers' onSend hook, whatever the answer.
        request.idempotency = scope;
        return true;
      case 'replay':
        throw new RecordedAnswerReplay(decision.response);
      case 'key-reused':
        throw new ProblemException('idempotency-key-reused', `Idempotency-Key ${idempotencyKey} was first used for another request (method, path or body): send a new key for a new request`);
      case 'in-flight':
        throw new ProblemException('idempotency-request-in-flight', `The first request with Idempotency-Key ${idempotencyKey} has not been answered yet: retry shortly to get its answer`);
      default: {
        const unknown: never = decision;
        throw new Error(`Unknown idempotency decision ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/**
 * On the Fastify instance: the answer to a request whose key IdempotencyGuard claimed is recorded as sent (status,
 * content type, body, ETag) before it leaves, so that a retry gets those very bytes. A server error or a lost race
 * may be transient: the claim is released instead, so that the client's retry runs the command again. Recording
 * relies on the answer being the handler's own: no reply may be sent before the handler ends (Fastify's
 * handlerTimeout stays 0, see createFastifyAdapter).
 */
export function recordIdempotentAnswers(fastify: FastifyInstance, records: IdempotencyStore): void {
  fastify.decorateRequest('idempotency', undefined);
  fastify.decorateRequest('problemCode', undefined);
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const scope = request.idempotency;
    if (scope === undefined) return payload;
    request.idempotency = undefined;
    const status = reply.statusCode;
    try {
      const code = request.problemCode;
      if (status >= 500 || NOT_RUN.has(status) || (code !== undefined && (NOT_KEPT.has(code) || refusedForAnotherEntity(code, request.routeOptions.config.ogpCommandAggregate)))) {
        await records.release(scope);
        return payload;
      }
      const contentType = reply.getHeader('content-type');
      const etag = reply.getHeader('etag');
      await records.complete(scope, {
        status,
        contentType: typeof contentType === 'string' ? contentType : 'application/json; charset=utf-8',
        body: typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '',
        etag: typeof etag === 'string' ? etag : null,
      });
    } catch (error) {
      // The client still gets the real answer. Unrecorded, the claim is released so that a retry runs again (a
      // command's retry then finds the events its first try wrote: see IssueCommand) rather than being told the
      // request is in flight until the claim goes stale.
      request.log.error({ err: error }, 'idempotency record failed');
      await records.release(scope).catch((release: unknown) => request.log.error({ err: release }, 'idempotency release failed'));
    }
    return payload;
  });
}

/**
 * Honours Idempotency-Key on a write route (every command route has it through @CommandRoute). Keep it the route's
 * last guard: a guard running after the claim would have its refusal recorded and replayed.
 */
export const Idempotent = (): MethodDecorator & ClassDecorator => UseGuards(IdempotencyGuard);
