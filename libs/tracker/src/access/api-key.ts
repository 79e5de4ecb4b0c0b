// The API key format `ogp_<keyId>_<secret>`: minting, parsing and hashing (only the hash of the secret is stored).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A key id: 16 lowercase hex digits (8 random bytes). */
export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const KEY_PATTERN = /^ogp_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface MintedKey {
  readonly id: string;
  readonly key: string;
  readonly secretHash: string;
}

export interface ParsedKey {
  readonly id: string;
  readonly secret: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function mintApiKey(): MintedKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `ogp_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** Null for anything that is not shaped like one of our keys, so a lookup is never attempted with junk. */
export function parseApiKey(key: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
