// Canonical JSON (RFC 8785, JCS) of event parts: the exact bytes that the hash chain covers.
import canonicalizeJcs from 'canonicalize';

/** RFC 8785 canonical JSON text of a JSON value. Throws on values JSON cannot represent (bigint, undefined at top). */
export function canonicalize(value: unknown): string {
  const text = canonicalizeJcs(value);
  if (text === undefined) throw new TypeError('Value has no canonical JSON form');
  return text;
}
