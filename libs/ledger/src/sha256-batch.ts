// SHA-256 over many messages per call: the verifier's hashing, natively when the addon is built, in JS otherwise.
// Why: node:crypto costs about 1 µs per call, more than hashing a 33-, 65- or 700-byte message does with the CPU's
// SHA extensions. native/sha256 (built by `npm ci`) hashes a whole batch per call with the OpenSSL that Node links;
// the JS hasher gives identical digests wherever the addon is missing (sha256-batch.spec.ts compares the two).
import { existsSync } from 'node:fs';
import { hash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { sha256Leaf, sha256Node } from './merkle-sha256';

export interface BatchHasher {
  readonly name: 'native' | 'javascript';
  /**
   * SHA-256 of each message bytes[ends[i-1]..ends[i]) (ends[-1] = 0) into out[32i..32i+32), for i < count;
   * returns the first i whose digest's lowercase hex is not exactly expected[i], or -1.
   */
  entries(bytes: Buffer, ends: Uint32Array, count: number, out: Buffer, expected: readonly unknown[]): number;
  /** out[32i..] = SHA-256(prefix || input[width*i..width*(i+1))) for i < count: RFC 6962 leaves (0, 32) and nodes (1, 64). */
  merkle(prefix: 0 | 1, input: Buffer, width: 32 | 64, count: number, out: Buffer): void;
  /**
   * Writes chainEntryText's UTF-8 at buf[at..] and returns where it ends, or -1 when the event needs the JS encoder
   * (a stream or type name that JSON escapes, too little room). prevHash must be lowercase hex or null. Natively
   * only: writing the strings from C costs two thirds of Buffer#write's JS path (chain-entry-encoder.ts).
   */
  readonly entry?: EntryWriter;
}

export type EntryWriter = (
  buf: Buffer,
  at: number,
  data: string,
  metadata: string,
  prevHash: string | null,
  revision: number,
  schemaVersion: number,
  stream: string,
  type: string,
) => number;

export const javascriptHasher: BatchHasher = {
  name: 'javascript',
  entries(bytes, ends, count, out, expected) {
    let mismatch = -1;
    for (let i = 0, start = 0; i < count; start = ends[i++]!) {
      const digest = hash('sha256', bytes.subarray(start, ends[i]), 'buffer');
      digest.copy(out, 32 * i);
      if (mismatch < 0 && digest.toString('hex') !== expected[i]) mismatch = i;
    }
    return mismatch;
  },
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
  const addon = { exports: {} as Required<Pick<BatchHasher, 'entries' | 'merkle' | 'entry'>> };
  process.dlopen(addon, path);
  native = { name: 'native', entries: addon.exports.entries, merkle: addon.exports.merkle, entry: addon.exports.entry };
  return native;
}

/** The fastest hasher here. */
export function defaultHasher(): BatchHasher {
  return nativeHasher() ?? javascriptHasher;
}
