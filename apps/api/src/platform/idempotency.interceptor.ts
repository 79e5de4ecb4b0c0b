// Idempotency-Key on commands: a retry gets the first answer and runs nothing; answers below 500 are recorded.
// Bound per write route (@Idempotent()), not globally: an interceptor on a route costs every request on it an RxJS
// pipeline and an AsyncResource, which reads do not need.
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { IDEMPOTENCY_STORE, type IdempotencyScope, type IdempotencyStore, type RecordedResponse } from '@ogp/tracker';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, type Observable, of, throwError } from 'rxjs';
import { serializeJson } from './json-serialization';
import { PROBLEM_CONTENT_TYPE, problemDocument, problemForRequest } from './problem.filter';
import { ProblemException } from './problem.exception';
import { RecordedAnswerReplay } from './recorded-answer';
import { assertIdempotencyKey } from './request.decorators';
import { IDEMPOTENCY_KEY_HEADER, singleHeader, WRITE_METHODS } from './request-context';

/** Answers a retry may not get: the command lost a race with other writers (after its own retries) and was not run. */
const TRANSIENT: ReadonlySet<string> = new Set(['wrong-expected-version', 'duplicate-event-id']);

function requestHash(request: FastifyRequest): string {
  const body = request.body === undefined ? '' : (canonicalize(request.body) ?? '');
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly records: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (!WRITE_METHODS.has(request.method) || header === undefined || !request.principal) return next.handle();
    const idempotencyKey = singleHeader(header);
    if (idempotencyKey === undefined) return throwError(() => new ProblemException('invalid-header', 'Send one Idempotency-Key'));
    assertIdempotencyKey(idempotencyKey);

    const scope: IdempotencyScope = { apiKeyId: request.principal.keyId, idempotencyKey };
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const successStatus = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? (request.method === 'POST' ? 201 : 200);

    return from(this.records.begin(scope, requestHash(request))).pipe(
      concatMap((decision) => {
        switch (decision.type) {
          case 'proceed':
            return this.runAndRecord(next, scope, request, reply, successStatus);
          case 'replay':
            return this.replay(decision.response, reply);
          case 'key-reused':
            return throwError(() => new ProblemException('idempotency-key-reused'));
          case 'in-flight':
            return throwError(() => new ProblemException('idempotency-request-in-flight'));
          default: {
            const unknown: never = decision;
            return throwError(() => new Error(`Unknown idempotency decision ${JSON.stringify(unknown)}`));
          }
        }
      }),
    );
  }

  private runAndRecord(next: CallHandler, scope: IdempotencyScope, request: FastifyRequest, reply: FastifyReply, status: number): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        const etag = reply.getHeader('etag');
        await this.records.complete(scope, {
          status,
          contentType: 'application/json; charset=utf-8',
          body: body === undefined ? '' : serializeJson(body),
          etag: typeof etag === 'string' ? etag : null,
        });
        return body;
      }),
      catchError(async (error: unknown) => {
        const problem = problemForRequest(error, request);
        // A server error or a lost race may be transient: forget the claim so that the client's retry runs again.
        if (problem.status >= 500 || TRANSIENT.has(problem.code)) await this.records.release(scope);
        else await this.records.complete(scope, { status: problem.status, contentType: PROBLEM_CONTENT_TYPE, body: problemDocument(problem, request), etag: null });
        throw error;
      }),
    );
  }

  private replay(answer: RecordedResponse, reply: FastifyReply): Observable<unknown> {
    if (answer.status >= 400) return throwError(() => new RecordedAnswerReplay(answer));
    if (answer.etag !== null) void reply.header('etag', answer.etag);
    void reply.header('idempotent-replayed', 'true');
    return of(answer.body === '' ? undefined : (JSON.parse(answer.body) as unknown));
  }
}

/** Honours Idempotency-Key on a write route (every command route has it through @CommandRoute). */
export const Idempotent = (): MethodDecorator & ClassDecorator => UseInterceptors(IdempotencyInterceptor);
