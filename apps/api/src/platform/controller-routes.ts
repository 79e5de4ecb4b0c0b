// The controllers' route handlers, as Nest registers them: for what reads their decorators at start-up (the key
// requirement handed to Fastify, the request classes behind /docs-json's body schemas).
import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

export interface RouteHandler {
  /** The controller class. */
  readonly controller: new (...args: never[]) => unknown;
  readonly prototype: Record<string, unknown>;
  readonly name: string;
  readonly handler: (...args: unknown[]) => unknown;
}

/** Every method of every controller that a route decorator (@Get, @Post, ...) made a handler. */
export function* routeHandlers(app: INestApplicationContext): Iterable<RouteHandler> {
  const scanner = app.get(MetadataScanner);
  for (const { metatype } of app.get(DiscoveryService).getControllers()) {
    if (typeof metatype !== 'function') continue;
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
      yield { controller: metatype as RouteHandler['controller'], prototype, name, handler: handler as RouteHandler['handler'] };
    }
  }
}
