// The NDJSON export: line splitting across chunks, the header rule, and round trips of every line kind.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { exportLine, ExportRecord, parseExport, parseExportBatches, readExportBatches, readExportFile, splitLines } from './export-format';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  yield* parts;
}

const header: ExportRecord = { kind: 'header', format: 'ogp-ledger-export', version: 1, origin: 'ogp.example/log' };
const event: ExportRecord = {
  kind: 'event',
  stream: 'commitment-IDSMG0001',
  revision: 0,
  type: 'CommitmentAdded',
  schemaVersion: 1,
  data: '{"title":"Semarang terbuka ✓"}',
  metadata: '{}',
  hash: 'ab'.repeat(32),
  prevHash: null,
  position: '1/1',
};

describe('export format', () => {
  it('splits lines across chunk borders, inside multibyte characters and with CRLF', async () => {
    const bytes = Buffer.from('a\r\nbé✓\nc', 'utf8');
    const parts = [bytes.subarray(0, 2), bytes.subarray(2, 6), bytes.subarray(6, 7), bytes.subarray(7)];
    expect(await collect(splitLines(chunks(...parts)))).toEqual(['a', 'bé✓', 'c']);
  });

  it('round-trips header, event and checkpoint lines', async () => {
    const records: ExportRecord[] = [header, { ...event, revision: 3n }, { kind: 'checkpoint', note: 'x\n1\nAA==\n\n— x AAAA\n' }];
    const text = records.map(exportLine).join('');
    const parsed = await collect(parseExport(splitLines(chunks(text))));
    expect(parsed).toEqual([header, { ...event, revision: 3 }, records[2]]);
  });

  it.each([
    ['no header', [exportLine(event)], /line 1: the first line must be/],
    ['a bad revision', [exportLine(header), exportLine(event).replace('"revision":0', '"revision":-1')], /line 2: bad revision/],
    ['an unknown kind', [exportLine(header), '{"kind":"note"}\n'], /line 2: unknown line kind/],
    ['not JSON', [exportLine(header), '{oops\n'], /line 2: not JSON/],
    ['an empty file', [], /empty export/],
  ])('refuses %s', async (_what, lines, error) => {
    await expect(collect(parseExport(splitLines(chunks(...lines))))).rejects.toThrow(error);
  });

  describe('in batches', () => {
    /** The text cut into chunks at the given byte offsets (which may fall inside a character). */
    const cut = (text: string, at: readonly number[]): Buffer[] => {
      const bytes = Buffer.from(text, 'utf8');
      const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
      return [0, ...points].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length));
    };
    const line = fc.oneof(
      fc.constant(exportLine(event)),
      fc.record({ note: fc.string({ unit: 'binary' }) }).map(({ note }) => exportLine({ kind: 'checkpoint', note })),
      fc.constantFrom('\n', '\r\n', '{oops\n', '{"kind":"note"}\n'),
    );

    it('gives the records of parseExport(splitLines()), in order, and its error after the records before it', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), async (lines, at) => {
          const parts = cut(exportLine(header) + lines.join(''), at);
          const expected: ExportRecord[] = [];
          const expectedError = await (async () => {
            for await (const r of parseExport(splitLines(chunks(...parts)))) expected.push(r);
          })().catch((err: unknown) => err);
          const got: ExportRecord[] = [];
          const gotError = await (async () => {
            for await (const batch of parseExportBatches(chunks(...parts))) got.push(...batch);
          })().catch((err: unknown) => err);
          expect(got).toEqual(expected);
          expect(gotError).toEqual(expectedError);
        }),
        { numRuns: 200 },
      );
    });

    it('reads a file as readExportFile does', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'export-batches-'));
      try {
        const file = join(dir, 'export.ndjson');
        writeFileSync(file, [header, event, { kind: 'checkpoint', note: 'n' } as ExportRecord].map((r) => exportLine(r)).join(''));
        const batches = await collect(readExportBatches(file));
        expect(batches.flat()).toEqual(await collect(readExportFile(file)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
