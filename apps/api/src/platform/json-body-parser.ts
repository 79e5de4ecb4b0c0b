// The JSON body parser: malformed JSON and prototype-pollution keys (__proto__, constructor.prototype) are 400s
// with their own problem codes (Fastify's own parser reports both as one generic error).
import type { FastifyInstance } from 'fastify';
import { ProblemException } from './problem.exception';

/** True when any object in the document has an own `__proto__` key or a `constructor` holding `prototype`. */
export function hasForbiddenKey(document: unknown): boolean {
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Object.hasOwn(value, '__proto__')) return true;
    const constructorValue: unknown = Object.hasOwn(value, 'constructor') ? (value as Record<string, unknown>).constructor : undefined;
    if (typeof constructorValue === 'object' && constructorValue !== null && Object.hasOwn(constructorValue, 'prototype')) return true;
    pending.push(...Object.values(value));
  }
  return false;
}

export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    let document: unknown;
    try {
      // JSON.parse defines `__proto__` as a plain own property (it never sets the prototype), so checking after is safe.
      document = JSON.parse(body as string);
    } catch (error) {
      done(new ProblemException('malformed-json', error instanceof Error ? error.message : undefined), undefined);
      return;
    }
    if (hasForbiddenKey(document)) done(new ProblemException('forbidden-property'), undefined);
    else done(null, document);
  });
}
