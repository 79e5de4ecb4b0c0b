// The verifier's byte encoder must produce exactly the UTF-8 of chainEntryText.
import fc from 'fast-check';
import { canonicalize } from './canonical';
import { chainEntryText } from './chain';
import { ChainEntryEncoder } from './chain-entry-encoder';

describe('ChainEntryEncoder', () => {
  it('writes the bytes of chainEntryText for any entry', () => {
    const encoder = new ChainEntryEncoder();
    const entry = fc.record({
      // Plain ASCII names (the copied path) as well as any string (escapes, unicode: the JSON.stringify path).
      stream: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 })),
      type: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      revision: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      schemaVersion: fc.nat({ max: 1000 }),
      data: fc.jsonValue().map((v) => canonicalize(v)),
      metadata: fc.jsonValue().map((v) => canonicalize(v)),
      prevHash: fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))),
    });
    fc.assert(
      fc.property(entry, (e) => {
        const bytes = encoder.encode(e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, e.stream, e.type);
        // Buffer.equals, not toEqual: jest compares buffers byte by byte through its generic deep equality.
        expect(bytes.equals(Buffer.from(chainEntryText(e), 'utf8'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('grows its buffer for large events, and encodes small ones into the new buffer after that', () => {
    const encoder = new ChainEntryEncoder();
    const small = (i: number) => ({ stream: 's', type: 't', revision: i, schemaVersion: 1, data: `{"i":${i % 10}}`, metadata: '{}', prevHash: null });
    const encode = (e: ReturnType<typeof small>) => encoder.encode(e.data, e.metadata, null, e.revision, e.schemaVersion, e.stream, e.type);
    expect(encode(small(1)).equals(Buffer.from(chainEntryText(small(1))))).toBe(true);
    const data = canonicalize({ narrative: 'ü'.repeat(100_000) });
    const e = { stream: 's', type: 't', revision: 12, schemaVersion: 2, data, metadata: '{}', prevHash: null };
    expect(encoder.encode(data, '{}', null, 12, 2, 's', 't').equals(Buffer.from(chainEntryText(e)))).toBe(true);
    // Same length as the first entry: the cached view of the old buffer must not come back.
    expect(encode(small(2)).equals(Buffer.from(chainEntryText(small(2))))).toBe(true);
  });
});
