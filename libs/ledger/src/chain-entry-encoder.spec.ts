// The verifier's byte encoder must produce exactly the UTF-8 of chainEntryText, and decodeHash exactly hex decoding.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from './canonical';
import { chainEntryText } from './chain';
import { ChainEntryEncoder, decodeHash } from './chain-entry-encoder';

describe('ChainEntryEncoder', () => {
  it('writes the bytes of chainEntryText for any entry', () => {
    const encoder = new ChainEntryEncoder();
    const arbitraryEntry = fc.record({
      // Plain ASCII names (the copied path) as well as any string (escapes, unicode: the JSON.stringify path).
      stream: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 })),
      type: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      revision: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      schemaVersion: fc.nat({ max: 1000 }),
      data: fc.jsonValue().map((v) => canonicalize(v)),
      metadata: fc.jsonValue().map((v) => canonicalize(v)),
      prevHash: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))),
    });
    // A batch of entries, one after another in one buffer: each one's bytes lie between the previous end and its own.
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { minLength: 1, maxLength: 8 }), (batch) => {
        encoder.reset();
        const ends = batch.map((e) => encoder.append(e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, e.stream, e.type));
        const expected = batch.map((e) => Buffer.from(chainEntryText(e), 'utf8'));
        // Buffer.equals, not toEqual: jest compares buffers byte by byte through its generic deep equality.
        expect(encoder.bytes.subarray(0, encoder.length).equals(Buffer.concat(expected))).toBe(true);
        expect(ends).toEqual(expected.map((_, i) => expected.slice(0, i + 1).reduce((n, b) => n + b.length, 0)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the entries already in the batch when a large one makes its buffer grow', () => {
    const encoder = new ChainEntryEncoder();
    const small = { stream: 's', type: 't', revision: 1, schemaVersion: 1, data: '{"i":1}', metadata: '{}', prevHash: null };
    const large = { ...small, revision: 12, data: canonicalize({ narrative: 'ü'.repeat(100_000) }) };
    const text = { ...small, revision: 13 };
    for (const e of [small, large]) encoder.append(e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, e.stream, e.type);
    encoder.appendText(chainEntryText(text));
    const expected = Buffer.concat([small, large, text].map((e) => Buffer.from(chainEntryText(e))));
    expect(encoder.bytes.subarray(0, encoder.length).equals(expected)).toBe(true);
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
