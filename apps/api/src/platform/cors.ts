// CORS for the routes anyone may read without a key (@Public() GETs: published plans, the ledger's public key,
// checkpoints and proofs, health): a civil-society dashboard or a newsroom's page reads them from the browser.
// Routes that need a key send no CORS headers: an API key is not for a web page's script to hold.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The OPTIONS route answering browsers' preflight requests for a public GET route. */
    ogpPreflight?: boolean;
  }
}

/** Our headers a page's script may read: the revision of what it read, and the id to quote when reporting a problem. */
const EXPOSED = 'ETag, X-Correlation-Id';
/** What a page may send beyond the headers every browser may: our correlation id. */
const ALLOWED_HEADERS = 'X-Correlation-Id';
/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 86_400;

function methodsOf(route: RouteOptions): string[] {
  return [route.method].flat();
}

/** A public route (no key) read with GET or HEAD: its answers, problems included, may be read by any page. */
function readableByAnyPage(request: FastifyRequest): boolean {
  return request.routeOptions.config.ogpKeyRequired === false && (request.method === 'GET' || request.method === 'HEAD');
}

/**
 * Answered from the route's onRequest hook, before any body is read (a preflight has none to read): a hook that
 * replies does not call done(), and Fastify skips what would follow.
 */
function answerPreflight(_request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .code(204)
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, HEAD')
    .header('access-control-allow-headers', ALLOWED_HEADERS)
    .header('access-control-max-age', String(PREFLIGHT_MAX_AGE))
    .send();
}

/**
 * On the Fastify instance, before the routes are registered: `Access-Control-Allow-Origin: *` on the answers of
 * public GET routes, and an OPTIONS route beside each of them for browsers' preflight requests (a page sending
 * X-Correlation-Id asks first). Route configs must already say which routes need a key (markRoutesNeedingKey).
 */
export function allowPagesToReadPublicRoutes(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (route.config?.ogpKeyRequired !== false || route.config.ogpPreflight === true || !methodsOf(route).includes('GET')) return;
    fastify.route({
      method: 'OPTIONS',
      url: route.url,
      config: { ogpKeyRequired: false, ogpPreflight: true },
      onRequest: answerPreflight,
      // Not reached: the onRequest hook has answered.
      handler: (_request, reply) => reply.code(204).send(),
    });
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (readableByAnyPage(request)) void reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', EXPOSED);
    done(null, payload);
  });
}
