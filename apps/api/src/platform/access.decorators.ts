// Route metadata for access control: @Public() opens a route to anyone, @Roles(...) restricts it to those roles.
import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '@ogp/tracker';

export const IS_PUBLIC = 'ogp:is-public';
export const REQUIRED_ROLES = 'ogp:required-roles';

/** Marks a public operation in the OpenAPI document, whose global key requirement openapi.ts then lifts. */
export const PUBLIC_OPERATION = 'x-ogp-public';

/** No API key needed (health, metrics, public read models). Every other route needs one. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION, true));

/** Only keys of these roles may call the route (on a controller or a handler; the handler's wins). */
export const Roles = (...roles: readonly Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/** What a route's decorators say about access. */
export interface RouteAccess {
  readonly isPublic: boolean;
  readonly roles: readonly Role[] | undefined;
}

/** A controller class or one of its handlers, as Reflector takes them. */
type MetadataTarget = Parameters<Reflector['getAllAndOverride']>[1][number];

/** The one reading of the decorators above, for a handler of a controller: the guard's and the early key check's. */
export function routeAccessOf(reflector: Reflector, handler: MetadataTarget, controller: MetadataTarget): RouteAccess {
  const targets = [handler, controller];
  return {
    isPublic: Boolean(reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)),
    roles: reflector.getAllAndOverride<readonly Role[] | undefined>(REQUIRED_ROLES, targets),
  };
}
