// The verifier's SHA-256: natively when the addon is built, in JS otherwise, with identical results.
// Why: node:crypto costs about 1 µs per call, more than hashing a 33-, 65- or 700-byte message does with the CPU's
// SHA extensions. native/sha256 (built by `npm ci`) hashes a batch of Merkle nodes per call, and writes and hashes
// a chain entry straight from the event's strings, with the OpenSSL that Node links. sha256-batch.spec.ts holds
// both hashers to node:crypto and to chainEntryText.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChainEntryEncoder } from './chain-entry-encoder';
import { sha256Leaf, sha256Node } from './merkle-sha256';

/**
 * Takes ChainEntryEncoder.encode's fields, writes chainEntryText's UTF-8 (into the addon's own buffer), hashes it
 * into out[outOffset..outOffset+32) and returns the stream name's streamHash (stream-slots.ts) times 2, plus 1 if
 * `expected` is the digest's lowercase hex; -1 (nothing hashed) when the event needs the JS encoder: a stream or type
 * name that JSON escapes, a prevHash that is not lowercase hex, a number out of range.
 */
export type EntryHasher = (
  ...args: [
    ...entry: Parameters<ChainEntryEncoder['encode']>,
    expected: unknown,
    out: Buffer,
    outOffset: number,
  ]
) => number;

export interface BatchHasher {
  readonly name: 'native' | 'javascript';
  /** out[32i..] = SHA-256(prefix || input[width*i..width*(i+1))) for i < count: RFC 6962 leaves (0, 32) and nodes (1, 64). */
  merkle(prefix: 0 | 1, input: Buffer, width: 32 | 64, count: number, out: Buffer): void;
  /** Natively only; without it the verifier encodes entries in JS and hashes them with node:crypto. */
  readonly entry?: EntryHasher;
}

export const javascriptHasher: BatchHasher = {
  name: 'javascript',
  // The width follows from the prefix (RFC 6962 hashes only these two shapes).
  merkle(prefix, input, _width, count, out) {
    if (prefix === 0) for (let i = 0; i < count; i++) sha256Leaf(input, 32 * i, out, 32 * i);
    else for (let i = 0; i < count; i++) sha256Node(input, 64 * i, input, 64 * i + 32, out, 32 * i);
  },
};

const ADDON = join('native', 'sha256', 'build', 'Release', 'ogp_sha256.node');

/** The addon's path: the project root is an ancestor of this file, from the sources or from dist. */
function findAddon(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, ADDON);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

let native: BatchHasher | null | undefined;

/** The native hasher, or null when it is not built or OGP_NATIVE_SHA256=off asks for the JS one. */
export function nativeHasher(): BatchHasher | null {
  if (native !== undefined) return native;
  const path = process.env.OGP_NATIVE_SHA256 === 'off' ? null : findAddon();
  if (path === null) return (native = null);
  const addon = { exports: {} as Required<Pick<BatchHasher, 'merkle' | 'entry'>> };
  try {
    process.dlopen(addon, path);
  } catch (err) {
    // Built for another Node (the addon uses V8's API, which changes between Node versions): `npm rebuild` fixes it.
    process.emitWarning(
      `native SHA-256 not loaded (${(err as Error).message.split('\n')[0]}); verifying in JavaScript. Run npm rebuild.`,
    );
    return (native = null);
  }
  native = { name: 'native', merkle: addon.exports.merkle, entry: addon.exports.entry };
  return native;
}

/** The fastest hasher here. */
export function defaultHasher(): BatchHasher {
  return nativeHasher() ?? javascriptHasher;
}
