// Rate limit on writes only (POST/PUT/PATCH/DELETE), counted per API key (RATE_LIMIT_WRITES_PER_MINUTE).
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { WRITE_METHODS } from './request-context';

@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return !WRITE_METHODS.has(context.switchToHttp().getRequest<FastifyRequest>().method);
  }

  // The signature is the library's; requests reaching here went through ApiKeyGuard.
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as FastifyRequest;
    return principal ? `key:${principal.keyId}` : `ip:${ip}`;
  }
}
