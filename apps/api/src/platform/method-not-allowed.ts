// 405 Method Not Allowed, with Allow, for a path the API serves with other methods: Nest's not-found handler answers
// 404 to every request no route matches, whether or not its path is known.
import type { FastifyInstance } from 'fastify';
import { ProblemException } from './problem.exception';

/** What the router finds for a method and a URL: the route's handler and the path parameters it read. */
interface FoundRoute {
  readonly params: Readonly<Record<string, string | undefined>>;
}

/**
 * The methods whose routes match this URL, in alphabetical order (HEAD with GET: Fastify serves HEAD for every GET
 * route). findRoute takes the URL the way the router takes a request's, so the match is the router's own.
 */
function methodsServing(fastify: FastifyInstance, url: string): string[] {
  // For a path it cannot decode, the router finds its bad-URL handler whatever the method: no route serves it.
  if (!decodable(url)) return [];
  return fastify.supportedMethods
    .filter((method) => {
      const found = fastify.findRoute({ method, url }) as FoundRoute | null;
      // Nest's adapter sends a request with an empty path parameter to the not-found handler: no match either.
      return (
        found !== null && Object.entries(found.params).every(([name, value]) => value !== '' || name === '*')
      );
    })
    .sort();
}

function decodable(url: string): boolean {
  try {
    decodeURI(url.split('?', 1)[0]!);
    return true;
  } catch {
    return false;
  }
}

/**
 * On the Fastify instance: a request no route matches, to a path some route serves with another method, is refused
 * with 405 and Allow before anything else runs (no key is asked for: the OpenAPI document lists every route anyway).
 */
export function answerMethodNotAllowed(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    const allowed = methodsServing(fastify, request.url);
    if (allowed.length === 0) return done();
    void reply.header('allow', allowed.join(', '));
    done(
      new ProblemException(
        'method-not-allowed',
        `${request.method} is not served at this path; it answers ${allowed.join(', ')}`,
      ),
    );
  });
}
