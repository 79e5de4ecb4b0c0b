// The Fastify adapter as configured: body limit, prototype-poisoning rejection, correlation ids, pino level and
// per-request loggers.
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { IdempotencyStore, KeyStore, MetricsService, ResolvedConfig } from '@ogp/tracker';
import { LogController } from 'fastify';
import { authenticateBeforeBody } from './authentication';
import { allowPagesToReadPublicRoutes } from './cors';
import { correlationIdFor } from './correlation';
import { recordIdempotentAnswers } from './idempotency.guard';
import type { ReadCache } from './read-cache';
import { installJsonBodyParser } from './json-body-parser';
import { answerMethodNotAllowed } from './method-not-allowed';
import { answerClientError, answerFrameworkError } from './problem.filter';
import { lazyChildLogger } from './request-logger';
import { serializeJson } from './json-serialization';
import { CORRELATION_ID_HEADER } from './request-context';

export function createFastifyAdapter(config: ResolvedConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: correlationIdFor,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    logger: { level: config.LOG_LEVEL },
    childLoggerFactory: lazyChildLogger,
    // Finish in-flight requests on close, but do not wait for idle keep-alive connections.
    forceCloseConnections: 'idle',
    // No reply before the handler's own (recordIdempotentAnswers records the reply that is sent as the answer).
    handlerTimeout: 0,
    // Else the router answers a path it cannot decode with its own JSON, not a problem.
    frameworkErrors: answerFrameworkError,
    // Else what Node's HTTP parser refuses (raw non-ASCII bytes in a URL, headers too large) gets Fastify's own JSON.
    clientErrorHandler: answerClientError,
  });
}

export interface FastifyHookServices {
  readonly metrics: MetricsService;
  readonly keys: KeyStore;
  readonly readCache: ReadCache;
  readonly idempotency: IdempotencyStore;
}

/**
 * On the Fastify instance: JSON-only bodies, correlation id echo, 405 for a known path's other methods, CORS for the
 * public reads, the key check before the body is read, the read cache, bigint-safe JSON, the answers of idempotent
 * requests recorded, request metrics by route (cached answers included).
 */
export function installFastifyHooks(adapter: FastifyAdapter, { metrics, keys, readCache, idempotency }: FastifyHookServices): void {
  const fastify = adapter.getInstance();
  fastify.setReplySerializer((payload) => serializeJson(payload));
  // Bodies are JSON or nothing: without this, text/plain reaches the pipes as a string instead of getting 415.
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);
  // Callback hooks, not async ones: Fastify would otherwise wait on a promise for each, on every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_ID_HEADER, request.id);
    done();
  });
  answerMethodNotAllowed(fastify);
  allowPagesToReadPublicRoutes(fastify);
  authenticateBeforeBody(fastify, keys);
  readCache.install(fastify);
  recordIdempotentAnswers(fastify, idempotency);
  fastify.addHook('onResponse', (request, reply, done) => {
    // Unmatched routes share one label, so that scanners cannot blow up the metric's cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttpRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
