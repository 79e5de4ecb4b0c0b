// Deny by default: every route needs a valid, unrevoked API key unless marked @Public(); @Roles() narrows it.
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KEY_STORE, type KeyStore, type Role } from '@ogp/tracker';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLES } from './access.decorators';
import { ProblemException } from './problem.exception';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) throw new ProblemException('unauthorized', 'Send Authorization: Bearer <API key>');
    const principal = await this.keys.authenticate(token);
    if (principal === null) throw new ProblemException('unauthorized', 'The API key is unknown or revoked');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles !== undefined && !roles.includes(principal.role)) {
      throw new ProblemException('forbidden', `This route needs the role ${roles.join(' or ')}; the key has ${principal.role}`);
    }
    return true;
  }
}
