// Verifying an export file in two passes: the first finds the size of every checkpoint in it, wherever it is.
import { createReadStream } from 'node:fs';
import { parseCheckpointText } from './checkpoint';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM } from './checkpoint-event';
import { readExportBatches } from './export-format';
import { LedgerError } from './ledger-error';
import { parseSignedNote } from './signed-note';
import { verifyExport, type VerifyOptions } from './verify';
import type { VerifyReport } from './verify-report';

/** The tree size a checkpoint note states, its signature unchecked (a checkpointSizes hint), or null if malformed. */
export function checkpointNoteSize(note: string): number | null {
  try {
    return parseCheckpointText(parseSignedNote(note).text).treeSize;
  } catch (err) {
    if (err instanceof LedgerError) return null;
    throw err;
  }
}

/**
 * Verifies an export file in two passes: the first finds the size of every checkpoint in it (checkpoint lines and
 * CheckpointSigned events, wherever they are), so that the second checks each exactly, however far from its size.
 * The report is that of verifyExport over the file. Without a public key no checkpoint is checked: one pass.
 */
export async function verifyExportFile(path: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const found = options.publicKey === undefined ? [] : await checkpointSizesInExport(path);
  return verifyExport(readExportBatches(path), { ...options, checkpointSizes: [...(options.checkpointSizes ?? []), ...found] });
}

/**
 * Lines that may hold a checkpoint: a checkpoint line ("checkpoint") or a CheckpointSigned event both have these
 * bytes, unless written with \u escapes, which no exporter does; a checkpoint missed that way fails as
 * 'checkpoint-too-late' if it comes too late, never passes unchecked.
 */
const CHECKPOINT_MARK = Buffer.from('heckpoint');
const NEWLINE = 10;

/**
 * The sizes stated by an export's checkpoints (unchecked hints for checkpointSizes): a byte search for the few lines
 * that may hold one, then JSON for those only, at a fraction of a full parse. Memory holds one chunk.
 */
export async function checkpointSizesInExport(path: string): Promise<number[]> {
  const sizes: number[] = [];
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const text = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    const end = text.lastIndexOf(NEWLINE) + 1;
    scanForCheckpoints(text.subarray(0, end), sizes);
    rest = Buffer.from(text.subarray(end));
  }
  scanForCheckpoints(rest, sizes);
  return sizes;
}

/** Adds the sizes of the checkpoints on these whole lines. */
function scanForCheckpoints(text: Buffer, sizes: number[]): void {
  for (let at = text.indexOf(CHECKPOINT_MARK); at >= 0; ) {
    const start = at === 0 ? 0 : text.lastIndexOf(NEWLINE, at) + 1;
    const newline = text.indexOf(NEWLINE, at);
    const end = newline < 0 ? text.length : newline;
    const size = checkpointSizeOfLine(text.toString('utf8', start, end));
    if (size !== null) sizes.push(size);
    at = newline < 0 ? -1 : text.indexOf(CHECKPOINT_MARK, end);
  }
}

function checkpointSizeOfLine(line: string): number | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null; // the second pass names the malformed line
  }
  if (typeof o !== 'object' || o === null) return null;
  const r = o as Record<string, unknown>;
  if (r.kind === 'checkpoint') return typeof r.note === 'string' ? checkpointNoteSize(r.note) : null;
  if (r.kind !== 'event' || r.type !== CHECKPOINT_SIGNED || r.stream !== CHECKPOINT_STREAM || typeof r.data !== 'string') return null;
  return checkpointEventSize(r.data);
}

/**
 * The tree size a CheckpointSigned event's data text states through its note (an unchecked hint), or null when it
 * has none: the verifier reports a malformed one when it reaches the event.
 */
export function checkpointEventSize(dataText: string): number | null {
  try {
    const note = (JSON.parse(dataText) as Record<string, unknown> | null)?.note;
    return typeof note === 'string' ? checkpointNoteSize(note) : null;
  } catch {
    return null;
  }
}
