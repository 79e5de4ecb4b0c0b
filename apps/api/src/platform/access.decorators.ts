// Route metadata for access control: @Public() opens a route to anyone, @Roles(...) restricts it to those roles.
import { applyDecorators, SetMetadata } from '@nestjs/common';
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
