// The one exception filter: every error leaves as application/problem+json (RFC 9457); 5xx are logged, never detailed.
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PLATFORM_PROBLEMS, PROBLEM_TYPE_PREFIX, type PlatformProblemCode, type Problem, problemFor } from './problem-table';
import { RecordedAnswerReplay } from './recorded-answer';
import { CORRELATION_ID_HEADER } from './request-context';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem document sent: for a request's path, or with no instance when no request could be read. */
function problemDocument(problem: Problem, instance: string | undefined, correlationId: string): string {
  return JSON.stringify({
    type: `${PROBLEM_TYPE_PREFIX}${problem.code}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(instance === undefined ? {} : { instance }),
    code: problem.code,
    correlationId,
    ...problem.extensions,
  });
}

function problemForRequest(error: unknown, request: FastifyRequest): Problem {
  return problemFor(error, { hadIfMatch: request.headers['if-match'] !== undefined });
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();

    if (error instanceof RecordedAnswerReplay) {
      if (error.answer.etag !== null) void reply.header('etag', error.answer.etag);
      void reply.status(error.answer.status).header('idempotent-replayed', 'true').type(error.answer.contentType).send(error.answer.body);
      return;
    }

    answerProblem(error, request, reply);
  }
}

function answerProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const problem = problemForRequest(error, request);
  request.problemCode = problem.code;
  if (problem.status >= 500 && problem.status !== 503) request.log.error({ err: error }, 'request failed');
  if (problem.status === 503) reply.header('retry-after', '1');
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  void reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problemDocument(problem, request.url, request.id));
}

/** What Node's HTTP parser refuses, by its error code, before Fastify sees a request (see answerClientError). */
const CLIENT_ERRORS: Readonly<Record<string, { readonly code: PlatformProblemCode; readonly detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request-timeout', detail: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { code: 'headers-too-large', detail: 'The request headers exceed 16 KiB: send fewer or shorter headers' },
};
const UNPARSABLE = {
  code: 'bad-request',
  detail: 'The request is not valid HTTP/1.1: its request line or a header holds bytes that are not allowed (percent-encode non-ASCII characters in a URL)',
} as const;

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (raw non-ASCII bytes in the request line,
 * headers over the size limit, a timeout) is answered as problem+json like every other error, not with Fastify's own
 * JSON. There is no request yet: the correlation id is made here, and the instance is unknown.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? UNPARSABLE;
  const { status, title } = PLATFORM_PROBLEMS[code];
  const correlationId = randomUUID();
  const body = problemDocument({ status, title, code, detail }, undefined, correlationId);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${CORRELATION_ID_HEADER}: ${correlationId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook or route runs (a path it cannot decode, a
 * too long path parameter) is answered like every other error, with the correlation id the onRequest hook would echo.
 */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header(CORRELATION_ID_HEADER, request.id);
  answerProblem(error, request, reply);
}
