// Correlation ids: X-Correlation-Id when it is a sane token, else a new UUID; it is Fastify's request id, so it is
// in every request log line (as correlationId) and echoed in the response.
import type { IncomingMessage } from 'node:http';
import { IdGenerator } from '@ogp/tracker';
import { CORRELATION_ID_HEADER } from './request-context';

const ids = new IdGenerator();

const VALID_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdFor(request: IncomingMessage): string {
  const presented = request.headers[CORRELATION_ID_HEADER];
  return typeof presented === 'string' && VALID_CORRELATION_ID.test(presented) ? presented : ids.uuid();
}
