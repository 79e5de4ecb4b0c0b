// Who is calling: the one check of an API key (Authorization: Bearer), run by a Fastify hook before the body is
// read on every route that needs a key, so that a caller without a valid key learns nothing of how its body parses.
import type { INestApplicationContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { KeyStore, Principal } from '@ogp/tracker';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeAccessOf } from './access.decorators';
import { routeHandlers } from './controller-routes';
import { ProblemException } from './problem.exception';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by markRoutesNeedingKey on each controller route: true unless @Public(). */
    ogpKeyRequired?: boolean;
  }
}

/** The principal of the request's API key; a missing, malformed, unknown or revoked key is a 401 problem. */
export async function authenticate(keys: KeyStore, request: FastifyRequest): Promise<Principal> {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (token === undefined) throw new ProblemException('unauthorized', 'Send Authorization: Bearer <API key>');
  const principal = await keys.authenticate(token);
  if (principal === null) throw new ProblemException('unauthorized', 'The API key is unknown or revoked');
  return principal;
}

/**
 * Writes into each controller route's Fastify config whether it needs a key, as the guard reads the decorators.
 * Fastify's hooks see the route, not its controller: a @Public() on a class is known only here. Nest hands a
 * handler's route config to Fastify when it registers the routes, so call this before app.init(). Routes that are
 * no controller's (the OpenAPI document) are not marked: no guard runs for them either.
 */
export function markRoutesNeedingKey(app: INestApplicationContext): void {
  const reflector = app.get(Reflector);
  const marked = new Map<object, boolean | undefined>();
  for (const { controller, handler } of routeHandlers(app)) {
    const required = !routeAccessOf(reflector, handler, controller).isPublic;
    const earlier = marked.get(handler);
    // One handler inherited by two controllers that disagree: left to the guard, which knows the controller.
    const mark = marked.has(handler) && earlier !== required ? undefined : required;
    marked.set(handler, mark);
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, ogpKeyRequired: mark }, handler);
  }
}

/**
 * On the Fastify instance: a route marked as needing a key refuses a request without a valid one (401) before its
 * body is read, and otherwise carries its principal on the request for the guard, the read cache and the handlers.
 * Install it before the read cache, which serves a keyed answer by that principal.
 */
export function authenticateBeforeBody(fastify: FastifyInstance, keys: KeyStore): void {
  fastify.decorateRequest('principal', undefined);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.ogpKeyRequired !== true) return done();
    // A callback hook, not an async one: see installFastifyHooks.
    authenticate(keys, request)
      .then(
        (principal) => {
          request.principal = principal;
          done();
        },
        (error: unknown) => done(error as Error),
      )
      .catch((error: unknown) => {
        // Not expected (done() does not throw), but never left as an unhandled rejection, which ends the process.
        request.log.error({ err: error }, 'key check failed');
        if (!reply.sent) void reply.send(error);
      });
  });
}
