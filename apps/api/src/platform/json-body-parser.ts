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

/** Decodes strictly: a byte sequence that is not UTF-8 is an error, not a replacement character. A BOM is dropped. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/**
 * The offset of the first byte that is not UTF-8, or -1, in one pass: the lenient decoding puts a replacement
 * character where bytes are not UTF-8, so the offset is the bytes of the characters before the first replacement
 * character that was not sent as such (each one before it was: three bytes). A review found an earlier version that
 * re-measured the prefix for each replacement character: a megabyte of them held the server for 40 s.
 */
export function firstInvalidUtf8Byte(bytes: Buffer): number {
  let offset = 0;
  for (const character of bytes.toString('utf8')) {
    if (character === '\uFFFD' && !bytes.subarray(offset, offset + REPLACEMENT.length).equals(REPLACEMENT)) return offset;
    const point = character.codePointAt(0)!;
    offset += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return -1;
}

/** The body as text; a ProblemException naming the first offending byte when it is not UTF-8 (RFC 8259 requires it). */
function utf8Text(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const byte = bytes[offset]?.toString(16).toUpperCase().padStart(2, '0') ?? '';
    throw new ProblemException('malformed-json', `The request body is not valid UTF-8 (byte 0x${byte} at offset ${offset}): send JSON text in UTF-8`);
  }
}

export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  // As bytes: decoded as text by Fastify, a byte that is not UTF-8 became a replacement character of another length,
  // and the request was refused as "Request body size did not match Content-Length".
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    let document: unknown;
    try {
      // JSON.parse defines `__proto__` as a plain own property (it never sets the prototype), so checking after is safe.
      document = JSON.parse(utf8Text(body as Buffer));
    } catch (error) {
      done(error instanceof ProblemException ? error : new ProblemException('malformed-json', error instanceof Error ? error.message : undefined), undefined);
      return;
    }
    const check = checkDocument(document);
    if (check === 'forbidden-property') done(new ProblemException('forbidden-property', 'A key named __proto__, or a constructor object with a prototype key, is refused anywhere in the body'), undefined);
    else if (check === 'too-deep') done(new ProblemException('bad-request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    else done(null, document);
  });
}
