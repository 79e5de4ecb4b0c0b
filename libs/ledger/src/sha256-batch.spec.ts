// Both hashers give node:crypto's digests; the native one is built by `npm ci`, hashes exactly chainEntryText's
// bytes (or declines), judges recorded hex texts strictly, and refuses bad arguments.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from './canonical';
import { chainEntryText } from './chain';
import { BatchHasher, javascriptHasher, nativeHasher } from './sha256-batch';
import { streamHash } from './stream-slots';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** A character whose low byte is this one's: what a check that truncates to Latin-1 would take for it. */
const lookalike = (c: string): string => String.fromCharCode(0x100 | c.charCodeAt(0));

/** Recorded hashes that are not the digest's lowercase hex, each of which must be refused. */
const notTheHex: ((hex: string) => unknown)[] = [
  (hex) => sha256(Buffer.from(hex)).toString('hex'),
  (hex) => (/[a-f]/.test(hex) ? hex.replace(/[a-f]/, (c) => c.toUpperCase()) : `A${hex.slice(1)}`),
  (hex) => `${lookalike(hex[0]!)}${hex.slice(1)}`,
  (hex) => hex.slice(1),
  (hex) => `${hex}0`,
  () => null,
];

const native = nativeHasher();
const hashers: BatchHasher[] = native === null ? [javascriptHasher] : [native, javascriptHasher];

describe('verifier SHA-256', () => {
  it('has the native hasher (npm ci builds native/sha256; OGP_NATIVE_SHA256=off turns it off)', () => {
    if (process.env.OGP_NATIVE_SHA256 === 'off') expect(native).toBeNull();
    else expect(native?.name).toBe('native');
  });

  it.each(hashers.map((h) => [h.name, h] as const))('%s: computes RFC 6962 leaf and node hashes of a batch', (_name, hasher) => {
    const input = randomBytes(64 * 9);
    const leaves = Buffer.alloc(32 * 18);
    hasher.merkle(0, input, 32, 18, leaves);
    const nodes = Buffer.alloc(32 * 9);
    hasher.merkle(1, input, 64, 9, nodes);
    for (let i = 0; i < 18; i++) expect(leaves.subarray(32 * i, 32 * i + 32)).toEqual(sha256(Buffer.of(0), input.subarray(32 * i, 32 * i + 32)));
    for (let i = 0; i < 9; i++) expect(nodes.subarray(32 * i, 32 * i + 32)).toEqual(sha256(Buffer.of(1), input.subarray(64 * i, 64 * i + 64)));
  });

  describe('native entry', () => {
    const run = native === null ? it.skip : it;
    const entry = native?.entry;
    const entries = fc.record({
      // Plain ASCII names (written natively) as well as any string (quotes, escapes, non-ASCII: declined).
      stream: fc.oneof({ arbitrary: fc.stringMatching(/^[ -~]{1,30}$/), weight: 4 }, fc.string({ unit: 'binary', minLength: 1, maxLength: 30 })),
      type: fc.oneof({ arbitrary: fc.stringMatching(/^[ -~]{1,30}$/), weight: 4 }, fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 })),
      revision: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      schemaVersion: fc.nat({ max: 1000 }),
      // Canonical texts, and raw text with lone surrogates (a tampered export), which Buffer.from writes as U+FFFD.
      data: fc.oneof(fc.jsonValue().map((v) => canonicalize(v)), fc.string({ unit: 'binary', maxLength: 40 })),
      metadata: fc.jsonValue().map((v) => canonicalize(v)),
      prevHash: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))),
    });

    run('hashes chainEntryText\'s UTF-8, or declines, matches only the exact lowercase hex, and keys the stream as streamHash does', () => {
      const out = Buffer.alloc(64);
      let written = 0;
      fc.assert(
        fc.property(entries, fc.nat({ max: notTheHex.length - 1 }), (e, how) => {
          const digest = sha256(Buffer.from(chainEntryText(e), 'utf8'));
          const hex = digest.toString('hex');
          const args = [e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, e.stream, e.type] as const;
          const hashed = entry!(...args, hex, out, 32);
          // Names it writes itself: ASCII that JSON.stringify copies as it is. The JS encoder takes the rest.
          const plain = (name: string) => /^[\x20-\x7f]*$/.test(name) && JSON.stringify(name) === `"${name}"`;
          if (!plain(e.stream) || !plain(e.type)) {
            expect(hashed).toBe(-1);
            return;
          }
          expect(hashed).toBe((streamHash(e.stream) << 1) | 1);
          expect(out.subarray(32)).toEqual(digest);
          expect(entry!(...args, notTheHex[how]!(hex), out, 0)).toBe(streamHash(e.stream) << 1);
          written++;
        }),
        { numRuns: 400 },
      );
      expect(written).toBeGreaterThan(100);
    });

    run('writes a Latin-1 character as UTF-8 wherever it falls in a word of the ASCII check', () => {
      const out = Buffer.alloc(32);
      for (let at = 0; at < 24; at++) {
        // One byte per character in V8 (all below U+0100), but not ASCII: must be re-encoded, not copied.
        const data = `"${'a'.repeat(at)}é${'b'.repeat(23 - at)}"`;
        const e = { stream: 's', type: 't', revision: 0, schemaVersion: 1, data, metadata: '{}', prevHash: null };
        const hex = sha256(Buffer.from(chainEntryText(e), 'utf8')).toString('hex');
        expect(entry!(data, '{}', null, 0, 1, 's', 't', hex, out, 0) & 1).toBe(1);
      }
    });

    run('grows its buffer for a large entry, declines what JS must encode, and refuses bad arguments', () => {
      const out = Buffer.alloc(32);
      const large = { stream: 's', type: 't', revision: 1, schemaVersion: 1, data: canonicalize({ n: 'ü'.repeat(300_000) }), metadata: '{}', prevHash: null };
      const hex = sha256(Buffer.from(chainEntryText(large), 'utf8')).toString('hex');
      expect(entry!(large.data, '{}', null, 1, 1, 's', 't', hex, out, 0) & 1).toBe(1);
      expect(entry!('{}', '{}', 'ab', 1, 1, 's', 't', hex, out, 0)).toBe(-1);
      expect(entry!('{}', '{}', 'AB'.repeat(32), 1, 1, 's', 't', hex, out, 0)).toBe(-1);
      expect(entry!('{}', '{}', null, -1, 1, 's', 't', hex, out, 0)).toBe(-1);
      expect(entry!('{}', null as unknown as string, null, 1, 1, 's', 't', hex, out, 0)).toBe(-1);
      // Messages, not constructors: the addon's TypeError comes from Node's realm, not jest's.
      expect(() => entry!('{}', '{}', null, 1, 1, 's', 't', hex, out, 1)).toThrow('entry: bad arguments');
      expect(() => native!.merkle(1, Buffer.alloc(64), 64, 2, Buffer.alloc(64))).toThrow('merkle: count out of range');
      expect(() => native!.merkle(0, Buffer.alloc(96), 32, 3, Buffer.alloc(64))).toThrow('merkle: count out of range');
      expect(() => native!.merkle(1, Buffer.alloc(130), 65 as 64, 2, Buffer.alloc(64))).toThrow('merkle: prefix, width and count must be small numbers');
    });
  });
});
