// Canonical JSON (RFC 8785, JCS) of event parts: the exact bytes that the hash chain covers.

/**
 * The characters JSON.stringify escapes in a string: controls, the quote, the backslash, and (ES2019) lone
 * surrogates. A string without any (nearly every id, date and name) is its own JSON text between quotes; one with a
 * surrogate, paired or not, goes through JSON.stringify, which escapes only the lone ones.
 */
// eslint-disable-next-line no-control-regex -- the controls are what it looks for
const NEEDS_ESCAPING = /[\u0000-\u001f"\\\ud800-\udfff]/;

function quoted(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * RFC 8785 by its own recipe: members sorted by their names' UTF-16 code units (Array#sort's order), and strings,
 * numbers and literals as ECMAScript's JSON.stringify writes them. The same text as the `canonicalize` package
 * (2.1.0, its spec holds them to each other on generated JSON values), built without a template string or a
 * JSON.stringify call per member: each event's data and metadata are canonicalized on the append path.
 */
function serialize(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${value} is not allowed`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      const object = value as Record<string, unknown> & { toJSON?: unknown };
      if (typeof object.toJSON === 'function') return serialize((object.toJSON as () => unknown)());
      if (Array.isArray(object)) {
        let out = '[';
        for (let i = 0; i < object.length; i++) {
          const element: unknown = object[i];
          if (i > 0) out += ',';
          out += element === undefined || typeof element === 'symbol' ? 'null' : serialize(element);
        }
        return out + ']';
      }
      let out = '{';
      for (const name of Object.keys(object).sort()) {
        const member = object[name];
        if (member === undefined || typeof member === 'symbol') continue;
        if (out.length > 1) out += ',';
        out += `${quoted(name)}:${serialize(member)}`;
      }
      return out + '}';
    }
    default:
      // undefined, functions (no JSON form) and bigint (JSON.stringify throws a TypeError).
      return JSON.stringify(value);
  }
}

/** RFC 8785 canonical JSON text of a JSON value. Throws on values JSON cannot represent (bigint, undefined at top). */
export function canonicalize(value: unknown): string {
  const text = serialize(value);
  if (text === undefined) throw new TypeError('Value has no canonical JSON form');
  return text;
}
