// C2SP tlog-checkpoint: origin, tree size and root hash as a signed note, and its parser.
import { HASH_SIZE } from './merkle-hash';
import { LedgerError } from './ledger-error';
import { NoteSignerKey } from './note-key';
import { NoteVerifierInput, openSignedNote, signNote } from './signed-note';
import { toSafeSize, TreeSize } from './tree-size';

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** Optional extension lines (C2SP discourages them); kept so that a signature over them still verifies. */
  readonly extensions: readonly string[];
}

export interface SignedCheckpoint extends Checkpoint {
  /** The full signed note text. */
  readonly note: string;
}

function malformed(message: string): LedgerError {
  return new LedgerError('malformed-checkpoint', message);
}

/** The note text: origin, decimal size, base64 root, one per line, each ending in a newline. */
export function formatCheckpoint(origin: string, treeSize: TreeSize, rootHash: Uint8Array): string {
  const size = toSafeSize(treeSize, 'treeSize');
  if (origin.length === 0 || origin.includes('\n')) throw malformed('origin must be one non-empty line');
  if (rootHash.length !== HASH_SIZE) throw malformed('root hash must be 32 bytes');
  return `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
}

export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3) throw malformed('a checkpoint has at least three lines, each ending in a newline');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw malformed('empty origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw malformed(`tree size is not a decimal without leading zeros: ${JSON.stringify(size)}`);
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) throw malformed(`tree size ${size} is beyond 2^53 - 1`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== root) throw malformed('root hash is not base64 of 32 bytes');
  if (extensions.some((l) => l.length === 0)) throw malformed('empty extension line');
  return { origin, treeSize, rootHash, extensions };
}

/** Signs a checkpoint for the tree of `treeSize` leaves with root `rootHash`. */
export function signCheckpoint(origin: string, treeSize: TreeSize, rootHash: Uint8Array, signer: NoteSignerKey): string {
  return signNote(formatCheckpoint(origin, treeSize, rootHash), signer);
}

/**
 * Verifies a signed checkpoint note against the log's key and parses it. With `origin`, also requires that origin.
 * Throws LedgerError ('malformed-note', 'note-not-verified', 'malformed-checkpoint', 'wrong-origin').
 */
export function openCheckpoint(note: string, verifier: NoteVerifierInput, origin?: string): SignedCheckpoint {
  const { text } = openSignedNote(note, verifier);
  const cp = parseCheckpointText(text);
  if (origin !== undefined && cp.origin !== origin) {
    throw new LedgerError('wrong-origin', `checkpoint origin ${cp.origin} is not ${origin}`);
  }
  return { ...cp, note };
}
