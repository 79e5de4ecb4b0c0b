// The JSON body parser: malformed JSON and prototype-pollution keys (__proto__, constructor.prototype) are 400s
// with their own problem codes (Fastify's own parser reports both as one generic error).
import type { FastifyInstance } from 'fastify';
import { ProblemException } from './problem.exception';

/** True when any object in the document has an own `__proto__` key or a `constructor` holding `prototype`. */
/** Deeper JSON is refused: no command needs it, and the validators recurse (a deep body would overflow their stack). */
export const MAX_JSON_DEPTH = 64;

export type DocumentCheck = 'ok' | 'forbidden-property' | 'too-deep';

/** One iterative walk: `__proto__` / `constructor.prototype` keys and nesting beyond MAX_JSON_DEPTH. */
export function checkDocument(document: unknown): DocumentCheck {
  const pending: { value: unknown; depth: number }[] = [{ value: document, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return 'too-deep';
    if (Object.hasOwn(value, '__proto__')) return 'forbidden-property';
    const constructorValue: unknown = Object.hasOwn(value, 'constructor') ? (value as Record<string, unknown>).constructor : undefined;
    if (typeof constructorValue === 'object' && constructorValue !== null && Object.hasOwn(constructorValue, 'prototype')) return 'forbidden-property';
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return 'ok';
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
    const check = checkDocument(document);
    if (check === 'forbidden-property') done(new ProblemException('forbidden-property', 'A key named __proto__, or a constructor object with a prototype key, is refused anywhere in the body'), undefined);
    else if (check === 'too-deep') done(new ProblemException('bad-request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    else done(null, document);
  });
}
