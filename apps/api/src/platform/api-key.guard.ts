// Deny by default: every route needs a valid, unrevoked API key unless marked @Public(); @Roles() narrows it.
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KEY_STORE, type KeyStore, type Role } from '@ogp/tracker';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLES } from './access.decorators';
import { ProblemException } from './problem.exception';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** What a route's decorators say about access; fixed once the application is built. */
interface RouteAccess {
  readonly isPublic: boolean;
  readonly roles: readonly Role[] | undefined;
}

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

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) throw new ProblemException('unauthorized', 'Send Authorization: Bearer <API key>');
    const principal = await this.keys.authenticate(token);
    if (principal === null) throw new ProblemException('unauthorized', 'The API key is unknown or revoked');
    request.principal = principal;

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
    if (found === undefined) {
      const targets = [handler, controller];
      found = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)),
        roles: this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, targets),
      };
      byClass.set(controller, found);
    }
    return found;
  }
}
