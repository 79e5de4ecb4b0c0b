// The one exception filter: every error leaves as application/problem+json (RFC 9457); 5xx are logged, never detailed.
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPE_PREFIX, type Problem, problemFor } from './problem-table';
import { RecordedAnswerReplay } from './recorded-answer';
import { CORRELATION_ID_HEADER } from './request-context';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem document sent for a request. */
function problemDocument(problem: Problem, request: FastifyRequest): string {
  return JSON.stringify({
    type: `${PROBLEM_TYPE_PREFIX}${problem.code}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    instance: request.url,
    code: problem.code,
    correlationId: request.id,
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
  void reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problemDocument(problem, request));
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook or route runs (a path it cannot decode, a
 * too long path parameter) is answered like every other error, with the correlation id the onRequest hook would echo.
 */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header(CORRELATION_ID_HEADER, request.id);
  answerProblem(error, request, reply);
}
