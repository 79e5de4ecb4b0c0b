// Deny by default: every route needs a valid, unrevoked API key unless marked @Public(); @Roles() narrows it.
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KEY_STORE, type KeyStore } from '@ogp/tracker';
import type { FastifyRequest } from 'fastify';
import { type RouteAccess, routeAccessOf } from './access.decorators';
import { authenticate } from './authentication';
import { ProblemException } from './problem.exception';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  /** By handler, then class (a handler inherited by two controllers may have two answers). */
  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, roles } = this.routeAccess(context);
    if (isPublic) return true;

    // The key was checked before the body was read (authenticateBeforeBody), unless the route was not marked.
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = (request.principal ??= await authenticate(this.keys, request));

    if (roles !== undefined && !roles.includes(principal.role)) {
      throw new ProblemException('forbidden', `This route needs the role ${roles.join(' or ')}; the key has ${principal.role}`);
    }
    return true;
  }

  /** Nest's Reflector would read the metadata anew on each request; a route's decorators do not change. */
  private routeAccess(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byClass = this.access.get(handler);
    if (byClass === undefined) this.access.set(handler, (byClass = new WeakMap()));
    let found = byClass.get(controller);
    if (found === undefined) byClass.set(controller, (found = routeAccessOf(this.reflector, handler, controller)));
    return found;
  }
}
