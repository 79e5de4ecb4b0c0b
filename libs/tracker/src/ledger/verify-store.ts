// Verifies a whole event store in place: every chain link, and the Merkle log against every stored signed checkpoint.
import { type EventStore, positionToString } from '@ogp/event-store';
import { CHECKPOINT_STREAM, checkpointEventSize, LedgerVerifier, type NoteVerifierInput, type VerifyProgress, type VerifyReport } from '@ogp/ledger';

export interface VerifyStoreOptions {
  /** The log's public key; without it CheckpointSigned events are counted as unchecked. */
  readonly publicKey?: NoteVerifierInput | readonly NoteVerifierInput[];
  readonly origin?: string;
  /** Checkpoint notes kept outside the store (e.g. by a reviewer). */
  readonly checkpoints?: Iterable<string>;
  readonly progressEvery?: number;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** See VerifyOptions.lateCheckpointWindow: stored checkpoints are found first, so only memory depends on it. */
  readonly lateCheckpointWindow?: number;
}

/** Reads the store in global order with the exact hashed texts and feeds the offline verifier; stops at the first failure. */
export async function verifyEventStore(store: EventStore, options: VerifyStoreOptions = {}): Promise<VerifyReport> {
  const checkpointSizes = options.publicKey === undefined ? [] : await storedCheckpointSizes(store);
  const verifier = new LedgerVerifier({ ...options, checkpointSizes });
  if (verifier.failed !== null) return verifier.finish();
  for await (const e of store.readAll({ raw: true })) {
    const raw = e.raw;
    if (raw === undefined) throw new Error('the event store did not return raw event texts');
    const failure = verifier.addEvent({
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      schemaVersion: raw.schemaVersion,
      data: raw.data,
      metadata: raw.metadata,
      hash: e.hash,
      prevHash: e.prevHash,
      position: positionToString(e.position),
    });
    if (failure !== null) break;
  }
  return verifier.finish();
}

/**
 * The sizes the stored checkpoints state (unchecked hints), read from their stream alone: a CheckpointSigned event
 * lands after other writes of its moment, and the verifier then checks it exactly however many there were.
 */
async function storedCheckpointSizes(store: EventStore): Promise<number[]> {
  const sizes: number[] = [];
  for await (const e of store.readStream(CHECKPOINT_STREAM, { raw: true })) {
    const size = e.raw === undefined ? null : checkpointEventSize(e.raw.data);
    if (size !== null) sizes.push(size);
  }
  return sizes;
}
