// Both batch hashers give node:crypto's digests; the native one is built by `npm ci` and refuses bad arguments.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { BatchHasher, javascriptHasher, nativeHasher } from './sha256-batch';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const native = nativeHasher();
const hashers: BatchHasher[] = native === null ? [javascriptHasher] : [native, javascriptHasher];

describe('batch SHA-256', () => {
  it('has the native hasher (npm ci builds native/sha256; OGP_NATIVE_SHA256=off turns it off)', () => {
    if (process.env.OGP_NATIVE_SHA256 === 'off') expect(native).toBeNull();
    else expect(native?.name).toBe('native');
  });

  describe.each(hashers.map((h) => [h.name, h] as const))('%s', (_name, hasher) => {
    it('hashes each message of a batch and finds the first digest that differs from the expected one', () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 20 }), fc.nat(), (messages, pick) => {
          const bytes = Buffer.concat(messages);
          let end = 0;
          const ends = Uint32Array.from(messages, (m) => (end += m.length));
          const expected = Buffer.concat(messages.map((m) => sha256(m)));
          const out = Buffer.alloc(expected.length);
          expect(hasher.entries(bytes, ends, messages.length, out, expected)).toBe(-1);
          expect(out.equals(expected)).toBe(true);
          const wrong = pick % messages.length;
          expected[32 * wrong + (pick % 32)]! ^= 1;
          expect(hasher.entries(bytes, ends, messages.length, out, expected)).toBe(wrong);
        }),
        { numRuns: 200 },
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
    // Messages, not constructors: the addon's TypeError comes from Node's realm, not jest's.
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(11), 1, out, out)).toThrow('entries: ends out of range');
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(5, 4), 2, out, out)).toThrow('entries: ends out of range');
    expect(() => hasher.entries(Buffer.alloc(10), Uint32Array.of(5), 2, out, out)).toThrow('entries: count out of range');
    expect(() => hasher.entries(Buffer.alloc(10), [5] as unknown as Uint32Array, 1, out, out)).toThrow('entries: ends must be a Uint32Array');
    expect(() => hasher.merkle(1, Buffer.alloc(64), 64, 2, out)).toThrow('merkle: count out of range');
    expect(() => hasher.merkle(0, Buffer.alloc(96), 32, 3, out)).toThrow('merkle: count out of range');
    expect(() => hasher.merkle(1, Buffer.alloc(130), 65 as 64, 2, out)).toThrow('merkle: prefix, width and count must be small numbers');
  });
});
