// Generators of hostile requests (fast-check): malformed JSON, wrong types, huge and deep values, odd characters,
// prototype keys, SQL-looking strings, path traversal in ids, oversize bodies, wrong content types, odd headers.
import fc from 'fast-check';
import type { OutgoingHttpHeaders } from 'node:http';

export interface HostileRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  /** The exact bytes sent (undefined: no body). */
  readonly body?: string;
  /** What made it hostile, for the report of a failing request. */
  readonly kind: string;
}

/** A command route: its path made from ids, and a valid body to mutate. */
export interface CommandTarget {
  readonly path: (ids: Readonly<Record<string, string>>) => string;
  readonly ids: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
}

const SQL = ["' OR '1'='1", "'; DROP TABLE events; --", 'Robert\'); DROP TABLE api_keys;--', '1; SELECT * FROM sqlite_master', '" OR ""="', "%' UNION SELECT secret_hash FROM api_keys --"];
const TRAVERSAL = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2f', '..\\..\\windows\\win.ini', '....//....//', '%00', 'a%00b', '/', '%2F', '.', '..'];
const ODD_TEXT = ['\u0000', '\u0007\u001b[31mred\u001b[0m', '\u202egnaraS', '\ufeff', '\ud800', 'Kota Semarang \u{1F600}', '𝕊𝕖𝕞𝕒𝕣𝕒𝕟𝕘', 'ǅ\u0301\u0301\u0301', '\r\nX-Injected: 1', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'null', 'undefined', 'NaN', ''];

const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const hostileString = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }), weight: 2 },
  { arbitrary: fc.constantFrom(...SQL, ...TRAVERSAL, ...ODD_TEXT), weight: 4 },
  { arbitrary: hugeString, weight: 1 },
);

/** A JSON value of a wrong or extreme kind. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1)), weight: 3 },
  { arbitrary: fc.constantFrom(true, false, null), weight: 2 },
  { arbitrary: fc.array(hostileString, { maxLength: 8 }), weight: 2 },
  { arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 3 },
  { arbitrary: fc.integer({ min: 50, max: 2_000 }).map((depth) => nested(depth)), weight: 1 },
);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

/** The valid body with one field replaced, removed, or an extra field added. */
const mutatedBody = (body: Readonly<Record<string, unknown>>): fc.Arbitrary<{ text: string; kind: string }> => {
  const fields = Object.keys(body);
  // A route whose body has no fields (e.g. POST /ledger/checkpoints) gets only the variants that add something.
  const fieldVariants =
    fields.length === 0
      ? []
      : [
          fc.tuple(fc.constantFrom(...fields), hostileValue).map(([field, value]) => ({ text: JSON.stringify({ ...body, [field]: value }), kind: `field ${field} replaced` })),
          fc.constantFrom(...fields).map((field) => {
            const copy: Record<string, unknown> = { ...body };
            delete copy[field];
            return { text: JSON.stringify(copy), kind: `field ${field} missing` };
          }),
        ];
  return fc.oneof(
    ...fieldVariants,
    fc.tuple(fc.string({ maxLength: 20 }), hostileValue).map(([field, value]) => ({ text: JSON.stringify({ ...body, [field]: value }), kind: 'extra field' })),
    // JSON.stringify drops __proto__ set through an object literal, so prototype keys are written as text.
    fc.constantFrom('{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"role":"admin"}}}', '{"__proto__":null}', '[{"__proto__":{"x":1}}]').map((extra) => ({
      text: `{"x":${extra},${JSON.stringify(body).slice(1)}`,
      kind: 'nested prototype key',
    })),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString').map((key) => ({
      text: `{"${key}":{"prototype":{"polluted":true}},${JSON.stringify(body).slice(1)}`,
      kind: `top-level ${key} key`,
    })),
  );
};

const malformedJson = (body: Readonly<Record<string, unknown>>): fc.Arbitrary<{ text: string; kind: string }> => {
  const valid = JSON.stringify(body);
  return fc.oneof(
    fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => ({ text: valid.slice(0, cut), kind: 'truncated JSON' })),
    fc.constantFrom('', ' ', 'null', '[]', '"text"', '42', 'NaN', '{a:1}', "{'a':1}", '{"a":1,}', '{"a":01}', '{"a":"\\x"}', '{"a":"\u0000"}', '\ufeff{}', '{"a":1}{"b":2}', '{"a":Infinity}').map((text) => ({ text, kind: 'malformed or non-object JSON' })),
    fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ text, kind: 'random text as JSON' })),
    fc.constantFrom(1_000, 10_000, 100_000).map((depth) => ({ text: `${'['.repeat(depth)}${']'.repeat(depth)}`, kind: `array nesting ${depth}` })),
    fc.constantFrom(1_000, 10_000, 50_000).map((depth) => ({ text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, kind: `object nesting ${depth}` })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ text: JSON.stringify(value) ?? 'null', kind: 'arbitrary JSON value' })),
  );
};

const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRAVERSAL, ...SQL.map(encodeURIComponent), '__proto__', 'constructor', '%F0%9F%98%80', '%ff%fe', 'A'.repeat(5_000), 'a'.repeat(65), 'semarang%20kota', '%20', 'x;rm -rf', '1e9999'),
  fc.string({ unit: 'binary', maxLength: 80 }).map(encodeURIComponent),
);

const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json-patch+json',
  'application/octet-stream',
  '*/*',
  'application/jsonx',
  '',
);

/** Header values node's client accepts: printable Latin-1 without CR/LF. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

export interface HostileContext {
  readonly commands: readonly CommandTarget[];
  readonly reads: readonly string[];
  readonly adminKey: string;
  readonly reviewerKey: string;
  readonly auditorKey: string;
  /** Largest body the server accepts; bodies beyond it are sent now and then. */
  readonly bodyLimit: number;
}

export function hostileRequests(context: HostileContext): fc.Arbitrary<HostileRequest> {
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const command = fc.constantFrom(...context.commands);
  const keyFor = (path: string) => (path.startsWith('/review/') ? context.reviewerKey : context.adminKey);

  const badBody = command.chain((target) =>
    fc.tuple(fc.oneof({ arbitrary: mutatedBody(target.body), weight: 5 }, { arbitrary: malformedJson(target.body), weight: 3 })).map(([body]) => {
      const path = target.path(target.ids);
      return { method: 'POST' as const, path, headers: { ...auth(keyFor(path)), 'content-type': 'application/json' }, body: body.text, kind: body.kind };
    }),
  );

  const withIds = context.commands.filter((c) => Object.keys(c.ids).length > 0);
  const badId = fc.tuple(fc.constantFrom(...withIds), hostileId).chain(([target, id]) =>
    fc.constantFrom(...Object.keys(target.ids)).map((name) => {
      const path = target.path({ ...target.ids, [name]: id });
      return { method: 'POST' as const, path, headers: { ...auth(keyFor(path)), 'content-type': 'application/json' }, body: JSON.stringify(target.body), kind: `hostile ${name}` };
    }),
  );

  const badContentType = fc.tuple(command, wrongContentType).map(([target, type]) => {
    const path = target.path(target.ids);
    const headers: OutgoingHttpHeaders = { ...auth(keyFor(path)) };
    headers['content-type'] = type === '' ? undefined : type;
    return { method: 'POST' as const, path, headers, body: type.startsWith('application/x-www') ? 'memberId=x&name=y' : JSON.stringify(target.body), kind: `content type "${type}"` };
  });

  const badHeaders = fc.tuple(command, headerText, fc.constantFrom('if-match', 'idempotency-key', 'x-correlation-id', 'authorization', 'accept')).map(([target, value, name]) => {
    const path = target.path(target.ids);
    const body = JSON.stringify(target.body);
    const headers: OutgoingHttpHeaders = { ...auth(keyFor(path)), 'content-type': 'application/json' };
    headers[name] = value;
    return { method: 'POST' as const, path, headers, body, kind: `hostile ${name} header` };
  });

  const oversize = fc.tuple(command, fc.integer({ min: 1, max: 3 })).map(([target, times]) => {
    const path = target.path(target.ids);
    const body = JSON.stringify({ ...target.body, padding: 'x'.repeat(context.bodyLimit * times) });
    return { method: 'POST' as const, path, headers: { ...auth(keyFor(path)), 'content-type': 'application/json' }, body, kind: 'oversize body' };
  });

  const badRead = fc.tuple(fc.constantFrom(...context.reads), hostileId, fc.constantFrom('asOf', 'limit', 'from', 'to', 'fromPosition', 'format', 'kind')).map(([template, id, query]) => ({
    method: 'GET' as const,
    path: `${template.replace(':id', id)}?${query}=${id}`,
    headers: auth(context.auditorKey),
    kind: `hostile read (${query})`,
  }));

  return fc.oneof(
    { arbitrary: badBody, weight: 40 },
    { arbitrary: badId, weight: 15 },
    { arbitrary: badContentType, weight: 10 },
    { arbitrary: badHeaders, weight: 12 },
    { arbitrary: badRead, weight: 20 },
    { arbitrary: oversize, weight: 1 },
  );
}
