// Rate limit on writes only (POST/PUT/PATCH/DELETE), counted per API key (RATE_LIMIT_WRITES_PER_MINUTE).
import { type CanActivate, type ExecutionContext, Injectable, type OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { WRITE_METHODS } from './request-context';

/** The library's guard, counting per API key. */
class KeyThrottlerGuard extends ThrottlerGuard {
  // The signature is the library's; requests reaching here went through ApiKeyGuard.
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as FastifyRequest;
    return principal ? `key:${principal.keyId}` : `ip:${ip}`;
  }

  // The library counts per route (its key names the controller and handler): one count per API key across every
  // write route is what RATE_LIMIT_WRITES_PER_MINUTE promises.
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}

/**
 * Wraps the library's guard rather than extending it, so that a read passes with a plain `true`: Nest then goes on
 * without awaiting anything, where the library's canActivate is async and read its route metadata first.
 */
@Injectable()
export class WriteThrottlerGuard implements CanActivate, OnModuleInit {
  private readonly writes: KeyThrottlerGuard;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    this.writes = new KeyThrottlerGuard(options, storage, reflector);
  }

  async onModuleInit(): Promise<void> {
    await this.writes.onModuleInit();
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (
      context.getType() !== 'http' ||
      !WRITE_METHODS.has(context.switchToHttp().getRequest<FastifyRequest>().method)
    )
      return true;
    return this.writes.canActivate(context);
  }
}
