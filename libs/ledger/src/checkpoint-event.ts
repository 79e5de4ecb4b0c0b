// The event that records a signed checkpoint in the log itself (stream ledger-checkpoints).
import { parseCheckpointText, SignedCheckpoint } from './checkpoint';
import { parseSignedNote } from './signed-note';

export const CHECKPOINT_SIGNED = 'CheckpointSigned';
export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_SIGNED_SCHEMA_VERSION = 1;

export interface CheckpointSignedData {
  readonly origin: string;
  /** Decimal string: sizes can outgrow JSON's safe numbers in principle. */
  readonly treeSize: string;
  /** Base64, as in the note. */
  readonly rootHash: string;
  /** The full signed note text: the part a reviewer keeps and checks. */
  readonly note: string;
  readonly [key: string]: string;
}

export interface CheckpointSignedEvent {
  readonly type: typeof CHECKPOINT_SIGNED;
  readonly schemaVersion: typeof CHECKPOINT_SIGNED_SCHEMA_VERSION;
  readonly data: CheckpointSignedData;
}

/**
 * The event (without id and metadata, which the application adds) for a signed checkpoint: the note from
 * signCheckpoint, or a checkpoint from openCheckpoint. Checks the note's form, not its signature.
 */
export function checkpointSignedEvent(checkpoint: string | SignedCheckpoint): CheckpointSignedEvent {
  const cp: SignedCheckpoint =
    typeof checkpoint === 'string'
      ? { ...parseCheckpointText(parseSignedNote(checkpoint).text), note: checkpoint }
      : checkpoint;
  return {
    type: CHECKPOINT_SIGNED,
    schemaVersion: CHECKPOINT_SIGNED_SCHEMA_VERSION,
    data: { origin: cp.origin, treeSize: String(cp.treeSize), rootHash: cp.rootHash.toString('base64'), note: cp.note },
  };
}
