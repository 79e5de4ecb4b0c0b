// The verifier's byte encoder must produce exactly the UTF-8 of chainEntryText, from JS and from the native addon.
import fc from 'fast-check';
import { canonicalize } from './canonical';
import { chainEntryText } from './chain';
import { ChainEntryEncoder } from './chain-entry-encoder';
import { EntryWriter, nativeHasher } from './sha256-batch';

const writers: [string, EntryWriter | null][] = [['javascript', null]];
const native = nativeHasher()?.entry;
if (native !== undefined) writers.push(['native', native]);

describe.each(writers)('ChainEntryEncoder (%s)', (_name, writer) => {
  it('writes the bytes of chainEntryText for any entry', () => {
    const encoder = new ChainEntryEncoder(writer);
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

  it('writes data with a lone surrogate (a tampered export) as Buffer.from writes its text', () => {
    const encoder = new ChainEntryEncoder(writer);
    const e = { stream: 's', type: 't', revision: 3, schemaVersion: 1, data: '{"a":"\ud800x"}', metadata: '{"b":"\udfff"}', prevHash: null };
    const end = encoder.append(e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, e.stream, e.type);
    expect(encoder.bytes.subarray(0, end).equals(Buffer.from(chainEntryText(e), 'utf8'))).toBe(true);
  });

  it('keeps the entries already in the batch when a large one makes its buffer grow', () => {
    const encoder = new ChainEntryEncoder(writer);
    const small = { stream: 's', type: 't', revision: 1, schemaVersion: 1, data: '{"i":1}', metadata: '{}', prevHash: null };
    const large = { ...small, revision: 12, data: canonicalize({ narrative: 'ü'.repeat(100_000) }) };
    const text = { ...small, revision: 13 };
    for (const e of [small, large]) encoder.append(e.data, e.metadata, e.prevHash, e.revision, e.schemaVersion, e.stream, e.type);
    encoder.appendText(chainEntryText(text));
    const expected = Buffer.concat([small, large, text].map((e) => Buffer.from(chainEntryText(e))));
    expect(encoder.bytes.subarray(0, encoder.length).equals(expected)).toBe(true);
  });
});
