// The hand-written fixed-size SHA-256 must equal node:crypto's on every input.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sha256Leaf, sha256Node } from './merkle-sha256';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('merkle-sha256', () => {
  it('hashes leaves as node:crypto does', () => {
    fc.assert(
      fc.property(bytes32, (x) => {
        const out = Buffer.alloc(32);
        sha256Leaf(x, 0, out, 0);
        expect(out).toEqual(sha(Uint8Array.of(0), x));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes nodes as node:crypto does, at offsets and in place', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (l, r) => {
        const buf = Buffer.concat([Buffer.from([9]), l, r]);
        sha256Node(buf, 1, buf, 33, buf, 33);
        expect(buf.subarray(33)).toEqual(sha(Uint8Array.of(1), l, r));
      }),
      { numRuns: 500 },
    );
  });

  it('matches on all-0xff input (sign bits in every word)', () => {
    const x = Buffer.alloc(32, 0xff);
    const out = Buffer.alloc(32);
    sha256Node(x, 0, x, 0, out, 0);
    expect(out).toEqual(sha(Uint8Array.of(1), x, x));
    const r = randomBytes(32);
    sha256Leaf(r, 0, out, 0);
    expect(out).toEqual(sha(Uint8Array.of(0), r));
  });
});
