// The NDJSON export a reviewer verifies offline: one JSON object per line (header, events, checkpoints) and its parser.
import { createReadStream } from 'node:fs';
import { LedgerError } from './ledger-error';

export const EXPORT_FORMAT = 'ogp-ledger-export';
export const EXPORT_VERSION = 1;

/** First line: what the file is and which log (checkpoint origin) it comes from. */
export interface ExportHeader {
  readonly kind: 'header';
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly origin: string;
  /** Informative only: the exporter's clock. */
  readonly exportedAt?: string;
}

/** One stored event exactly as it was hashed. */
export interface ExportedEvent {
  readonly stream: string;
  readonly revision: number | bigint;
  readonly type: string;
  readonly schemaVersion: number;
  /** RFC 8785 canonical JSON text of the data, as stored and hashed (not re-serialized). */
  readonly data: string;
  /** RFC 8785 canonical JSON text of the metadata. */
  readonly metadata: string;
  /** Hex SHA-256 of the chain entry (chain.ts eventHash). */
  readonly hash: string;
  readonly prevHash: string | null;
  /** The store's global position as text: digits, or digit groups such as "<commit>/<prepare>"; must increase. */
  readonly position: string;
}

export interface ExportEventLine extends ExportedEvent {
  readonly kind: 'event';
}

/** A signed checkpoint note (C2SP tlog-checkpoint), anywhere after the header. */
export interface ExportCheckpointLine {
  readonly kind: 'checkpoint';
  readonly note: string;
}

export type ExportRecord = ExportHeader | ExportEventLine | ExportCheckpointLine;

/** One line of the export, newline included. Revisions are written as JSON numbers (safe up to 2^53). */
export function exportLine(record: ExportRecord): string {
  if (record.kind !== 'event') return `${JSON.stringify(record)}\n`;
  const revision = typeof record.revision === 'bigint' ? Number(record.revision) : record.revision;
  if (!Number.isSafeInteger(revision)) throw new LedgerError('malformed-export', `revision ${record.revision} is not exportable`);
  const { kind, stream, type, schemaVersion, data, metadata, hash, prevHash, position } = record;
  return `${JSON.stringify({ kind, stream, revision, type, schemaVersion, data, metadata, hash, prevHash, position })}\n`;
}

/** Bytes per read of an export file: large reads keep the per-chunk costs small. */
const READ_CHUNK = 1 << 20;

function bad(line: number, message: string): LedgerError {
  return new LedgerError('malformed-export', `line ${line}: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toEvent(o: Record<string, unknown>, line: number): ExportEventLine {
  const { stream, revision, type, schemaVersion, data, metadata, hash, prevHash, position } = o;
  if (typeof stream !== 'string' || typeof type !== 'string' || typeof data !== 'string' || typeof metadata !== 'string') {
    throw bad(line, 'event needs string stream, type, data and metadata');
  }
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) throw bad(line, 'bad revision');
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion)) throw bad(line, 'bad schemaVersion');
  if (typeof hash !== 'string' || (prevHash !== null && typeof prevHash !== 'string')) throw bad(line, 'bad hash or prevHash');
  if (typeof position !== 'string') throw bad(line, 'position must be a string');
  return { kind: 'event', stream, revision, type, schemaVersion, data, metadata, hash, prevHash, position };
}

/** Parses export lines one at a time: counts lines for error messages and holds the header rule. */
class ExportLineParser {
  private n = 0;
  private sawHeader = false;

  /** The record on the next line, or null for a blank line; throws LedgerError('malformed-export') naming the line. */
  parse(text: string): ExportRecord | null {
    const n = ++this.n;
    if (text.trim() === '') return null;
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch {
      throw bad(n, 'not JSON');
    }
    if (!isRecord(o)) throw bad(n, 'not a JSON object');
    if (!this.sawHeader) {
      if (o.kind !== 'header' || o.format !== EXPORT_FORMAT) throw bad(n, `the first line must be the ${EXPORT_FORMAT} header`);
      if (o.version !== EXPORT_VERSION) throw bad(n, `unsupported export version ${String(o.version)}`);
      if (typeof o.origin !== 'string' || o.origin === '') throw bad(n, 'header needs an origin');
      this.sawHeader = true;
      return {
        kind: 'header',
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        origin: o.origin,
        ...(typeof o.exportedAt === 'string' ? { exportedAt: o.exportedAt } : {}),
      };
    }
    if (o.kind === 'event') return toEvent(o, n);
    if (o.kind === 'checkpoint' && typeof o.note === 'string') return { kind: 'checkpoint', note: o.note };
    throw bad(n, `unknown line kind ${JSON.stringify(o.kind)}`);
  }

  end(): void {
    // No line to name: "line 0" would read as a parser fault.
    if (!this.sawHeader) throw new LedgerError('malformed-export', this.n === 0 ? 'empty export: no lines' : `empty export: ${this.n} blank lines and no header`);
  }
}

/** Parses export lines (blank lines ignored); throws LedgerError('malformed-export') naming the line. */
export async function* parseExport(lines: AsyncIterable<string>): AsyncGenerator<ExportRecord> {
  const parser = new ExportLineParser();
  for await (const text of lines) {
    const record = parser.parse(text);
    if (record !== null) yield record;
  }
  parser.end();
}

/** Splits decoded text into lines (LF or CRLF), holding back the partial last line until the next chunk or the end. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private rest = '';

  /** The complete lines that this chunk ends, in order. */
  push(chunk: string | Buffer): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(start, end));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    return lines;
  }

  /** The last line if the text does not end with a newline. */
  end(): string | null {
    const rest = this.rest + this.decoder.decode();
    return rest === '' ? null : rest;
  }
}

/**
 * Splits text chunks (a file stream, an HTTP body) into lines without readline, whose async iterator costs
 * several microseconds per line. Memory holds one chunk and one partial line.
 */
export async function* splitLines(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const splitter = new LineSplitter();
  for await (const chunk of chunks) yield* splitter.push(chunk);
  const last = splitter.end();
  if (last !== null) yield last;
}

/**
 * The records of text chunks, an array per chunk: parseExport(splitLines(chunks)) without its two promises per
 * line, for consumers that take batches (verifyExport). A malformed line still throws only after the records
 * before it are delivered, so that a consumer sees exactly what parseExport would have given it. Memory holds
 * one chunk's records.
 */
export async function* parseExportBatches(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ExportRecord[]> {
  const splitter = new LineSplitter();
  const parser = new ExportLineParser();
  const parseAll = function* (lines: readonly string[]): Generator<ExportRecord[]> {
    const batch: ExportRecord[] = [];
    try {
      for (const line of lines) {
        const record = parser.parse(line);
        if (record !== null) batch.push(record);
      }
    } catch (err) {
      if (batch.length > 0) yield batch;
      throw err;
    }
    if (batch.length > 0) yield batch;
  };
  for await (const chunk of chunks) yield* parseAll(splitter.push(chunk));
  const last = splitter.end();
  if (last !== null) yield* parseAll([last]);
  parser.end();
}

/**
 * Reads an export file as a stream of records (memory does not grow with the file). Flattened from the batches:
 * one promise per record rather than parseExport(splitLines())'s three.
 */
export async function* readExportFile(path: string): AsyncGenerator<ExportRecord> {
  for await (const batch of readExportBatches(path)) yield* batch;
}

/** Reads an export file as arrays of records (see parseExportBatches): the fast input for verifyExport. */
export function readExportBatches(path: string): AsyncGenerator<ExportRecord[]> {
  return parseExportBatches(createReadStream(path, { highWaterMark: READ_CHUNK }));
}

/**
 * Compares two position texts by their digit groups as integers ("12" < "100", "5/5" < "7/3"): negative, 0 or positive.
 * Works for SQLite's single sequence and EventStoreDB's commit/prepare pairs without knowing which store wrote them.
 */
export function comparePositionText(a: string, b: string): number {
  const x = a.match(/\d+/g) ?? [];
  const y = b.match(/\d+/g) ?? [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    const d = BigInt(x[i]!) - BigInt(y[i]!);
    if (d !== 0n) return d < 0n ? -1 : 1;
  }
  return 0;
}
