// Both batch hashers give node:crypto's digests and judge recorded hex texts alike; the native one is built by
// `npm ci`, writes the chain entry bytes that chainEntryText gives (chain-entry-encoder.spec.ts) and refuses bad
// arguments.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { BatchHasher, javascriptHasher, nativeHasher } from './sha256-batch';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** A character whose low byte is this one's: what a check that truncates to Latin-1 would take for it. */
const lookalike = (c: string): string => String.fromCharCode(0x100 | c.charCodeAt(0));

/** Recorded hashes that are not the digest's lowercase hex, each of which a hasher must refuse. */
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

describe('batch SHA-256', () => {
  it('has the native hasher (npm ci builds native/sha256; OGP_NATIVE_SHA256=off turns it off)', () => {
    if (process.env.OGP_NATIVE_SHA256 === 'off') expect(native).toBeNull();
    else expect(native?.name).toBe('native');
  });

  describe.each(hashers.map((h) => [h.name, h] as const))('%s', (_name, hasher) => {
    it('hashes each message of a batch and finds the first whose recorded hex is not its digest', () => {
      const messages = fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 20 });
      fc.assert(
        fc.property(messages, fc.nat(), fc.nat({ max: notTheHex.length - 1 }), (parts, pick, how) => {
          const bytes = Buffer.concat(parts);
          let end = 0;
          const ends = Uint32Array.from(parts, (m) => (end += m.length));
          const digests = parts.map((m) => sha256(m));
          const expected: unknown[] = digests.map((d) => d.toString('hex'));
          const out = Buffer.alloc(32 * parts.length);
          expect(hasher.entries(bytes, ends, parts.length, out, expected)).toBe(-1);
          expect(out.equals(Buffer.concat(digests))).toBe(true);
          const wrong = pick % parts.length;
          expected[wrong] = notTheHex[how]!(expected[wrong] as string);
          expect(hasher.entries(bytes, ends, parts.length, out, expected)).toBe(wrong);
        }),
        { numRuns: 300 },
      );
    });

    it('computes RFC 6962 leaf and node hashes of a batch', () => {
      const input = randomBytes(64 * 9);
      const leaves = Buffer.alloc(32 * 18);
      hasher.merkle(0, input, 32, 18, leaves);
      const nodes = Buffer.alloc(32 * 9);
      hasher.merkle(1, input, 64, 9, nodes);
      for (let i = 0; i < 18; i++) expect(leaves.subarray(32 * i, 32 * i + 32)).toEqual(sha256(Buffer.of(0), input.subarray(32 * i, 32 * i + 32)));
      for (let i = 0; i < 9; i++) expect(nodes.subarray(32 * i, 32 * i + 32)).toEqual(sha256(Buffer.of(1), input.subarray(64 * i, 64 * i + 64)));
    });
  });

  (native === null ? it.skip : it)('native: refuses arguments that would read or write out of bounds', () => {
    const hasher = native!;
    const out = Buffer.alloc(64);
    const hex = ['', ''];
    // Messages, not constructors: the addon's TypeError comes from Node's realm, not jest's.
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(11), 1, out, hex)).toThrow('entries: ends out of range');
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(5, 4), 2, out, hex)).toThrow('entries: ends out of range');
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(5), 2, out, hex)).toThrow('entries: count out of range');
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(5, 6), 2, out, [''])).toThrow('entries: count out of range');
    expect(() => hasher.entries(Buffer.alloc(10), [5] as unknown as Uint32Array, 1, out, hex)).toThrow('entries: ends must be a Uint32Array');
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(5), 1, out, out as unknown as string[])).toThrow('entries: expected must be an array');
    expect(() => hasher.merkle(1, Buffer.alloc(64), 64, 2, out)).toThrow('merkle: count out of range');
    expect(() => hasher.merkle(0, Buffer.alloc(96), 32, 3, out)).toThrow('merkle: count out of range');
    expect(() => hasher.merkle(1, Buffer.alloc(130), 65 as 64, 2, out)).toThrow('merkle: prefix, width and count must be small numbers');
    expect(hasher.entry!(Buffer.alloc(100), 0, 'x'.repeat(200), '{}', null, 1, 1, 's', 't')).toBe(-1);
  });
});
