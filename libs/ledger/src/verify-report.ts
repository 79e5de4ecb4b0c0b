// What the offline verifier reports: progress while it runs, then either success or the first bad event and why.

export type VerifyFailureKind =
  /** The event's hash is not the SHA-256 of its own content: the event was changed after it was written. */
  | 'hash-mismatch'
  /** The event's prevHash is not the hash of the previous event of its stream: an event before it was changed or removed. */
  | 'prev-hash-mismatch'
  /** Revisions of a stream are not 0, 1, 2, ...: an event was removed, duplicated or moved. */
  | 'revision-gap'
  /** Global positions do not increase: events were reordered. */
  | 'position-order'
  /** The Merkle root at a signed checkpoint's size differs: history up to that size is not what the log signed. */
  | 'checkpoint-root-mismatch'
  /** A checkpoint's signature does not verify against the public key, or it is from another key or origin. */
  | 'checkpoint-signature'
  /** A checkpoint note or CheckpointSigned event is not well formed. */
  | 'checkpoint-malformed'
  /** A signed checkpoint covers more events than the export holds: events were cut off the end. */
  | 'checkpoint-beyond-log'
  /**
   * A checkpoint came further after its size than a single pass can reach back (the Merkle nodes it needs are no
   * longer kept): no evidence either way. Verify the export file itself (two passes), or give the checkpoint up front.
   */
  | 'checkpoint-too-late'
  /** An event cannot be checked at all (e.g. a revision beyond 2^53). */
  | 'malformed-event';

/** Where the failure is: the event's identity in its stream and in the global order (0-based leaf index). */
export interface BadEvent {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly index: number;
}

export interface VerifyFailure {
  readonly kind: VerifyFailureKind;
  readonly message: string;
  /** The first bad event; for a checkpoint mismatch, the first event not covered by an earlier good checkpoint. */
  readonly event: BadEvent | null;
  /** For checkpoint failures: the checkpoint's size and the leaf index range that holds the change. */
  readonly checkpoint?: { readonly treeSize: number; readonly firstSuspectIndex: number };
}

export interface VerifyProgress {
  readonly events: number;
  readonly streams: number;
  readonly checkpointsVerified: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly checkpointsVerified: number;
  /** CheckpointSigned events seen without a public key to check them. */
  readonly checkpointsUnchecked: number;
  /** Largest tree size covered by a verified signed checkpoint (0 if none): what is proven beyond the chains. */
  readonly verifiedTreeSize: number;
  /** Size and base64 root of the tree rebuilt from the export. */
  readonly treeSize: number;
  readonly rootHash: string;
  readonly failure: VerifyFailure | null;
}
