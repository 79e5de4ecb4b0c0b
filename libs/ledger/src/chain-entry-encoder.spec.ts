// The verifier's byte encoder must produce exactly the UTF-8 of chainEntryText, and decodeHash exactly hex decoding.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from './canonical';
import { chainEntryText } from './chain';
import { ChainEntryEncoder, decodeHash, quotedBytes } from './chain-entry-encoder';

describe('ChainEntryEncoder', () => {
  it('writes the bytes of chainEntryText for any entry', () => {
    const encoder = new ChainEntryEncoder();
    const entry = fc.record({
      stream: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      type: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      revision: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      schemaVersion: fc.nat({ max: 1000 }),
      data: fc.jsonValue().map((v) => canonicalize(v)),
      metadata: fc.jsonValue().map((v) => canonicalize(v)),
      prevHash: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))),
    });
    fc.assert(
      fc.property(entry, (e) => {
        const bytes = encoder.encode(e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, quotedBytes(e.stream), quotedBytes(e.type));
        // Buffer.equals, not toEqual: jest compares buffers byte by byte through its generic deep equality.
        expect(bytes.equals(Buffer.from(chainEntryText(e), 'utf8'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('grows its buffer for large events', () => {
    const encoder = new ChainEntryEncoder();
    const data = canonicalize({ narrative: 'ü'.repeat(100_000) });
    const e = { stream: 's', type: 't', revision: 12, schemaVersion: 2, data, metadata: '{}', prevHash: null };
    expect(encoder.encode(data, '{}', null, 12, 2, quotedBytes('s'), quotedBytes('t')).equals(Buffer.from(chainEntryText(e)))).toBe(true);
  });
});

describe('decodeHash', () => {
  it('decodes lowercase hex SHA-256 and refuses anything else', () => {
    const bytes = randomBytes(32);
    const out = Buffer.alloc(32);
    expect(decodeHash(bytes.toString('hex'), out)).toBe(true);
    expect(out).toEqual(bytes);
    for (const bad of [bytes.toString('hex').toUpperCase(), 'g'.repeat(64), 'ab', `${'0'.repeat(63)}\u0130`]) {
      expect(decodeHash(bad, out)).toBe(false);
    }
  });
});
