// The NDJSON export: line splitting across chunks, the header rule, and round trips of every line kind.
import { exportLine, ExportRecord, parseExport, splitLines } from './export-format';

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
});
