// Offline verifier: rechecks every hash chain link, rebuilds the Merkle log and holds it to signed checkpoints.
import { hash } from 'node:crypto';
import { openCheckpoint, SignedCheckpoint } from './checkpoint';
import { CHECKPOINT_SIGNED, CHECKPOINT_STREAM } from './checkpoint-event';
import { chainEntryText } from './chain';
import { ChainEntryEncoder } from './chain-entry-encoder';
import { comparePositionText, ExportedEvent, ExportRecord } from './export-format';
import { LedgerError } from './ledger-error';
import { MerkleTree } from './merkle-tree';
import { RecentMerkleNodeStore } from './recent-merkle-node-store';
import { NoteVerifierInput, resolveNoteVerifier } from './signed-note';
import { BatchHasher, defaultHasher, EntryHasher } from './sha256-batch';
import { streamHash, StreamSlots } from './stream-slots';
import { BadEvent, VerifyFailure, VerifyFailureKind, VerifyProgress, VerifyReport } from './verify-report';

export interface VerifyOptions {
  /**
   * The log's public key (vkey text, or a bare Ed25519 key), needed to check any checkpoint; or its keys (a log whose
   * signing key was replaced): a checkpoint verifies with any one of them.
   */
  readonly publicKey?: NoteVerifierInput | readonly NoteVerifierInput[];
  /** Expected checkpoint origin; an export's header supplies it when absent. */
  readonly origin?: string;
  /** Signed checkpoint notes the reviewer kept (besides those inside the export). */
  readonly checkpoints?: Iterable<string>;
  /**
   * Sizes of checkpoints that come later in the input, however late (a first pass finds them: see verifyExportFile
   * and checkpointSizesInExport). The tree's root at each is kept as the tree passes it, so that each is checked
   * exactly. Hints only: a size that no checkpoint has costs 32 bytes, nothing else.
   */
  readonly checkpointSizes?: Iterable<number>;
  /**
   * How many events after its size a checkpoint may arrive and still be checked without a hint (default 65,536):
   * the Merkle nodes of that many recent sizes are kept, about 64 bytes each (see recent-merkle-node-store.ts).
   */
  readonly lateCheckpointWindow?: number;
  readonly progressEvery?: number;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** How entries and Merkle nodes are hashed (default: natively where the addon is built). */
  readonly hasher?: BatchHasher;
  /** Events whose Merkle leaves are hashed together, 1 to 8192 (default 1024); the report does not depend on it. */
  readonly batchSize?: number;
}

// Module-level copies of imported bindings used on the hot path: swc's CommonJS output reads every import through a
// getter on the exporting module, once per access.
const CHECKPOINT_TYPE = CHECKPOINT_SIGNED;
const CHECKPOINT_STREAM_NAME = CHECKPOINT_STREAM;
const HEX_HASH = /^[0-9a-f]{64}$/;
const HASH_MISMATCH = 'content does not hash to the recorded hash: the event was changed';

/** How many recent events' identities are kept to name the first suspect of a checkpoint that arrives late. */
const RECENT = 8192;
/** Events whose Merkle leaves and nodes are hashed together (at most RECENT). */
const DEFAULT_BATCH = 1024;
/**
 * Recent tree sizes whose roots can still be computed (about 4 MB of nodes). A CheckpointSigned event is stored a
 * few events after the size it signs (only what was appended while the server caught up with the store, signed and
 * wrote it); reviewer notes and checkpoint lines anywhere in an export come up front or as checkpointSizes hints.
 * 65,536 leaves room for a long burst of writes during a signing.
 */
const DEFAULT_LATE_WINDOW = 65_536;

/**
 * Feed events in global order and checkpoints in any order; the first failure sticks. Memory: one tip per stream,
 * the Merkle nodes of the last lateCheckpointWindow sizes, and a root per checkpoint; not the leaves. A checkpoint
 * whose size the tree has passed by more than that window (and that no hint kept) fails as 'checkpoint-too-late'.
 * Each event's order, revision, link and hash are checked as it arrives; the Merkle leaves are added a batch at a
 * time (see sha256-batch.ts), so a checkpoint that fails may be reported up to a batch after its size. The report,
 * and the failure it names, are those of checking one event at a time.
 */
export class LedgerVerifier {
  private readonly nodes: RecentMerkleNodeStore;
  private readonly tree: MerkleTree;
  /** checkpointSizes, ascending; those before keepNext are passed. */
  private readonly keepSizes: number[];
  private keepNext = 0;
  /** The tree's root at each hinted or verified checkpoint size: what a later (or repeated) checkpoint is held to. */
  private readonly keptRoots = new Map<number, Buffer>();
  // Stream tips: a slot per stream and the tip's revision and hash in arrays, rather than an object per stream:
  // the per-event lookup then fetches less scattered memory.
  private readonly streamSlots = new StreamSlots();
  private readonly tipRevisions: number[] = [];
  private readonly tipHashes: string[] = [];
  /** Leaf index and position of each stream's tip: to name it when it turns out to be the event that was changed. */
  private readonly tipIndexes: number[] = [];
  private readonly tipPositions: string[] = [];
  private readonly hasher: BatchHasher;
  /** The batch: events from batchStart to seen are checked, their leaves not yet in the tree (which has those before). */
  private batchStart = 0;
  private seen = 0;
  private readonly batchSize: number;
  private readonly entryHasher: EntryHasher | null;
  private readonly encoder = new ChainEntryEncoder();
  /** The batch's entry digests (its events' checked hashes), whose Merkle leaves are added to the tree at flush. */
  private readonly computedHashes: Buffer;
  /** How many streams there were before each event of the batch: what progress counts when the tree is mid-batch. */
  private readonly streamsBefore: Uint32Array;
  // Identities of recent events in parallel rings (no object per event on the hot path).
  private readonly recentStream: string[] = new Array<string>(RECENT).fill('');
  private readonly recentRevision = new Float64Array(RECENT);
  private readonly recentPosition: string[] = new Array<string>(RECENT).fill('');
  private readonly pending: SignedCheckpoint[] = [];
  /** Verified checkpoint sizes and the identity of the first event after each, once known. */
  private readonly verified = new Map<number, BadEvent | null>();
  private readonly identityWanted = new Set<number>();
  private lastCommit = -1;
  private lastPrepare = -1;
  private lastPositionText: string | null = null;
  private failure: VerifyFailure | null = null;
  private unchecked = 0;
  private nextProgress: number;
  private firstEvent: BadEvent | null = null;
  /** The log's public keys: one, or several for a log whose signing key was replaced (each checkpoint needs one of them). */
  private readonly publicKey: readonly Exclude<NoteVerifierInput, string | Uint8Array>[] | undefined;

  constructor(private readonly options: VerifyOptions = {}) {
    this.nextProgress = options.progressEvery ?? 10_000;
    this.hasher = options.hasher ?? defaultHasher();
    this.entryHasher = this.hasher.entry ?? null;
    const batch = options.batchSize ?? DEFAULT_BATCH;
    if (!Number.isSafeInteger(batch) || batch < 1 || batch > RECENT) throw new RangeError(`batchSize must be 1 to ${RECENT}, got ${batch}`);
    this.batchSize = batch;
    this.computedHashes = Buffer.allocUnsafe(batch * 32);
    this.streamsBefore = new Uint32Array(batch);
    if (options.publicKey !== undefined && keysOf(options.publicKey).length === 0) throw new RangeError('publicKey: give at least one key (or none at all)');
    this.publicKey = options.publicKey === undefined ? undefined : keysOf(options.publicKey).map(resolveNoteVerifier);
    this.nodes = new RecentMerkleNodeStore(options.lateCheckpointWindow ?? DEFAULT_LATE_WINDOW);
    this.tree = new MerkleTree(this.nodes);
    this.keepSizes = [...new Set(options.checkpointSizes ?? [])].filter((size) => Number.isSafeInteger(size) && size > 0).sort((a, b) => a - b);
    for (const note of options.checkpoints ?? []) this.addCheckpoint(note);
  }

  /** The failure found so far (a checkpoint whose size is in the current batch is checked when the batch ends). */
  get failed(): VerifyFailure | null {
    return this.failure;
  }

  /** Bytes of Merkle nodes held: bounded by lateCheckpointWindow, whatever the number of events. */
  get merkleNodeBytes(): number {
    return this.nodes.bytes;
  }

  /** Checks one event; returns the failure found so far (then and ever after) or null. */
  addEvent(e: ExportedEvent): VerifyFailure | null {
    if (this.failure !== null) return this.failure;
    const index = this.seen;
    const revision = typeof e.revision === 'number' ? e.revision : Number(e.revision);
    if (!Number.isSafeInteger(revision) || revision < 0) return this.failAfterBatch('malformed-event', `revision ${e.revision} is not a safe integer`, this.identityOf(e, index));
    if (this.positionDecreases(e.position)) {
      const previous = this.identityAt(index - 1);
      return this.failAfterBatch('position-order', positionOrderMessage(e.position, previous?.position), previous ?? this.identityOf(e, index));
    }
    const k = index - this.batchStart;
    // Hashed (with the link the event carries) before its stream is looked up: the addon gives the name's hash, the
    // lookup's key, along with the answer. Failures keep their order below.
    const hashed = this.hashEntry(e, revision, k);
    const matched = (hashed & 1) === 1;
    const streamKey = hashed >>> 1;
    const slot = this.streamSlots.get(e.stream, streamKey);
    const expected = slot < 0 ? 0 : this.tipRevisions[slot]! + 1;
    if (revision !== expected) return this.failAfterBatch('revision-gap', `expected revision ${expected} of ${e.stream}, found ${revision}`, this.identityOf(e, index));
    const prevHash = slot < 0 ? null : this.tipHashes[slot]!;
    if (e.prevHash !== prevHash) {
      // Does this event still hash to its own hash with the link it carries? Then the link is as written and the
      // previous event (with a freshly computed hash) is the one that changed: name it, not its successor.
      if (slot >= 0 && typeof e.prevHash === 'string' && matched) {
        const changed: BadEvent = { stream: e.stream, revision: String(expected - 1), position: this.tipPositions[slot]!, index: this.tipIndexes[slot]! };
        return this.failAfterBatch('prev-hash-mismatch', `${e.stream}@${expected - 1} no longer has the hash its successor links to: that event was changed`, changed);
      }
      return this.failAfterBatch('prev-hash-mismatch', `prevHash is not the hash of ${e.stream}@${expected - 1}: that event or this link was changed`, this.identityOf(e, index));
    }
    if (!matched) return this.failAfterBatch('hash-mismatch', HASH_MISMATCH, this.identityOf(e, index));
    this.streamsBefore[k] = this.tipHashes.length;
    if (slot < 0) {
      this.streamSlots.add(e.stream, streamKey);
      this.tipRevisions.push(revision);
      this.tipHashes.push(e.hash);
      this.tipIndexes.push(index);
      this.tipPositions.push(e.position);
    } else {
      this.tipRevisions[slot] = revision;
      this.tipHashes[slot] = e.hash;
      this.tipIndexes[slot] = index;
      this.tipPositions[slot] = e.position;
    }
    if (index === 0) this.firstEvent = this.identityOf(e, 0);
    const recent = index % RECENT;
    this.recentStream[recent] = e.stream;
    this.recentRevision[recent] = revision;
    this.recentPosition[recent] = e.position;
    this.seen++;
    if (this.identityWanted.size !== 0 && this.identityWanted.delete(index)) this.verified.set(index, this.identityOf(e, index));
    if (e.type === CHECKPOINT_TYPE && e.stream === CHECKPOINT_STREAM_NAME) {
      // A checkpoint event is checked against the tree that includes it: add the batch's leaves now.
      this.flush();
      if (this.failure === null) this.checkpointEvent(e, this.identityOf(e, index));
    } else if (this.seen - this.batchStart === this.batchSize) this.flush();
    return this.failure;
  }

  /**
   * Hashes the event's chain entry (with the link it carries) into computedHashes[32k..]; returns its stream name's
   * streamHash times 2, plus 1 if the digest is the event's recorded hash.
   */
  private hashEntry(e: ExportedEvent, revision: number, k: number): number {
    const plain = Number.isSafeInteger(e.schemaVersion) && e.schemaVersion >= 0;
    if (this.entryHasher !== null && plain) {
      const hashed = this.entryHasher(e.data, e.metadata, e.prevHash, revision, e.schemaVersion, e.stream, e.type, e.hash, this.computedHashes, 32 * k);
      if (hashed >= 0) return hashed;
    }
    // The JS encoder writes a prevHash as it is: only lowercase hex (what the chain writes) is that simple.
    const simple = plain && (e.prevHash === null || HEX_HASH.test(e.prevHash));
    const entry = simple ? this.encoder.encode(e.data, e.metadata, e.prevHash, revision, e.schemaVersion, e.stream, e.type) : chainEntryText(e);
    const hex = hash('sha256', entry, 'hex');
    const matched = hex === e.hash;
    if (matched) this.computedHashes.write(hex, 32 * k, 'hex');
    return (streamHash(e.stream) << 1) | (matched ? 1 : 0);
  }

  /** Adds the batch's leaves to the tree, checking each pending checkpoint when the tree reaches its size. */
  private flush(): void {
    const base = this.batchStart;
    const count = this.seen - base;
    if (count === 0 || this.failure !== null) return;
    const every = this.options.progressEvery ?? 10_000;
    for (let done = 0; done < count; ) {
      // Segments end where a pending checkpoint, a hinted size or a progress report is due, so each sees its exact
      // tree size.
      const checkpointAt = this.pending.length > 0 ? this.pending[0]!.treeSize - base : count;
      const keepAt = this.keepNext < this.keepSizes.length ? this.keepSizes[this.keepNext]! - base : count;
      const stop = Math.min(count, this.nextProgress - base, checkpointAt > done ? checkpointAt : count, keepAt > done ? keepAt : count);
      this.tree.appendMany(this.computedHashes, done, stop - done, this.hasher);
      done = stop;
      while (this.keepNext < this.keepSizes.length && this.keepSizes[this.keepNext]! <= this.tree.size) {
        if (this.keepSizes[this.keepNext++] === this.tree.size) this.keptRoots.set(this.tree.size, this.tree.root());
      }
      while (this.failure === null && this.pending.length > 0 && this.pending[0]!.treeSize === this.tree.size) {
        this.checkRoot(this.pending.shift()!);
      }
      // After a failure the batch stays: the report counts what the tree holds.
      if (this.failure !== null) return;
      if (this.tree.size === this.nextProgress) {
        this.nextProgress += every;
        this.options.onProgress?.(this.progress());
      }
    }
    this.batchStart = this.seen;
  }

  /** Fails with this event's problem, after the batch's leaves are added: a checkpoint failing among them comes first. */
  private failAfterBatch(kind: VerifyFailureKind, message: string, event: BadEvent | null): VerifyFailure {
    this.flush();
    return this.failure ?? this.fail(kind, message, event);
  }

  private identityOf(e: ExportedEvent, index: number): BadEvent {
    return { stream: e.stream, revision: String(e.revision), position: e.position, index };
  }

  /** Checks a signed checkpoint note now if its size is reached, or when it is. */
  addCheckpoint(note: string, at: BadEvent | null = null): VerifyFailure | null {
    this.flush();
    if (this.failure !== null) return this.failure;
    if (this.publicKey === undefined) {
      // Without the log's key a checkpoint cannot be checked: the report counts it, as it does CheckpointSigned events.
      this.unchecked++;
      return this.failure;
    }
    let cp: SignedCheckpoint;
    try {
      cp = openWithAnyKey(note, this.publicKey, this.options.origin);
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
      const kind: VerifyFailureKind = err.code === 'note-not-verified' || err.code === 'wrong-origin' ? 'checkpoint-signature' : 'checkpoint-malformed';
      return this.fail(kind, `checkpoint: ${err.message}`, at);
    }
    if (cp.treeSize <= this.tree.size) this.checkRoot(cp, at);
    else {
      const i = this.pending.findIndex((p) => p.treeSize > cp.treeSize);
      this.pending.splice(i < 0 ? this.pending.length : i, 0, cp);
    }
    return this.failure;
  }

  /** Ends the run: checkpoints beyond the last event mean the export was cut short. */
  finish(): VerifyReport {
    this.flush();
    const beyond = this.pending[0];
    if (this.failure === null && beyond !== undefined) {
      this.fail('checkpoint-beyond-log', `a signed checkpoint covers ${beyond.treeSize} events but the export has ${this.tree.size}: events are missing at the end`, null, beyond.treeSize, this.tree.size);
    }
    // A loop, not Math.max(...keys): spread arguments overflow the stack past ~100,000 verified checkpoints.
    let verifiedTreeSize = 0;
    for (const size of this.verified.keys()) if (size > verifiedTreeSize) verifiedTreeSize = size;
    return {
      ok: this.failure === null,
      ...this.progress(),
      checkpointsUnchecked: this.unchecked,
      verifiedTreeSize,
      treeSize: this.tree.size,
      rootHash: this.tree.root().toString('base64'),
      failure: this.failure,
    };
  }

  private progress(): VerifyProgress {
    const k = this.tree.size - this.batchStart;
    const streams = k < this.seen - this.batchStart ? this.streamsBefore[k]! : this.tipHashes.length;
    return { events: this.tree.size, streams, checkpointsVerified: this.verified.size };
  }

  private positionDecreases(position: string): boolean {
    // Fast path for "<n>" and "<commit>/<prepare>" (positionToString) with safe integers; digit groups otherwise.
    if (this.lastPositionText === null) {
      const slash = position.indexOf('/');
      const commit = Number(slash < 0 ? position : position.slice(0, slash));
      const prepare = slash < 0 ? commit : Number(position.slice(slash + 1));
      const c = position.charCodeAt(0);
      if (Number.isSafeInteger(commit) && Number.isSafeInteger(prepare) && c >= 48 && c <= 57 && slash !== position.length - 1) {
        const decreases = commit < this.lastCommit || (commit === this.lastCommit && prepare <= this.lastPrepare);
        this.lastCommit = commit;
        this.lastPrepare = prepare;
        return decreases;
      }
    }
    const last = this.lastPositionText ?? (this.lastCommit >= 0 ? `${this.lastCommit}/${this.lastPrepare}` : null);
    this.lastPositionText = position;
    return last !== null && comparePositionText(position, last) <= 0;
  }

  private checkpointEvent(e: ExportedEvent, at: BadEvent): void {
    if (this.publicKey === undefined) {
      this.unchecked++;
      return;
    }
    let note: unknown;
    let fields: Record<string, unknown> = {};
    try {
      fields = JSON.parse(e.data) as Record<string, unknown>;
      note = fields.note;
    } catch {
      note = undefined;
    }
    if (typeof note !== 'string') {
      this.fail('checkpoint-malformed', 'CheckpointSigned event without a note', at);
      return;
    }
    if (this.addCheckpoint(note, at) !== null) return;
    const cp = note.split('\n');
    if (fields.origin !== cp[0] || fields.treeSize !== cp[1] || fields.rootHash !== cp[2]) {
      this.fail('checkpoint-malformed', 'CheckpointSigned fields differ from its signed note', at);
    }
  }

  private checkRoot(cp: SignedCheckpoint, at: BadEvent | null = null): void {
    const root = this.keptRoots.get(cp.treeSize) ?? (this.nodes.holdsRootOf(cp.treeSize) ? this.tree.root(cp.treeSize) : null);
    if (root === null) {
      // Not a mismatch: the nodes are gone. Checked with a hint, or from the front, it is exact.
      this.fail(
        'checkpoint-too-late',
        `the signed checkpoint for size ${cp.treeSize} came ${this.tree.size - cp.treeSize} events after that size, later than ` +
          `the ${this.nodes.window} a single pass can check: it is neither good nor bad yet. Verify the export file with ` +
          '`cli verify --export` (verifyExportFile), which finds every checkpoint first, or give its note up front (the ' +
          'checkpoints option), or move its line before the events',
        at,
      );
      return;
    }
    if (root.equals(cp.rootHash)) {
      this.keptRoots.set(cp.treeSize, root);
      if (this.verified.get(cp.treeSize) != null) return;
      const next = cp.treeSize < this.seen ? this.identityAt(cp.treeSize) : null;
      this.verified.set(cp.treeSize, next);
      if (next === null && cp.treeSize >= this.seen) this.identityWanted.add(cp.treeSize);
      return;
    }
    let good = 0;
    for (const size of this.verified.keys()) if (size < cp.treeSize && size > good) good = size;
    const suspect = this.verified.get(good) ?? (good === 0 ? this.firstEvent : this.identityAt(good));
    this.fail(
      'checkpoint-root-mismatch',
      `the log signed a different root for size ${cp.treeSize}: an event at index ${good} to ${cp.treeSize - 1} was changed, added, removed or moved`,
      suspect,
      cp.treeSize,
      good,
    );
  }

  /** The identity of the event at a leaf index, if it is still in the recent rings. */
  private identityAt(index: number): BadEvent | null {
    if (index < 0 || index >= this.seen || this.seen - index > RECENT) return null;
    const slot = index % RECENT;
    return { stream: this.recentStream[slot]!, revision: String(this.recentRevision[slot]), position: this.recentPosition[slot]!, index };
  }

  private fail(kind: VerifyFailureKind, message: string, event: BadEvent | null, treeSize?: number, firstSuspectIndex?: number): VerifyFailure {
    this.failure = {
      kind,
      message,
      event,
      ...(treeSize !== undefined && firstSuspectIndex !== undefined ? { checkpoint: { treeSize, firstSuspectIndex } } : {}),
    };
    return this.failure;
  }
}

/** Says what a position that does not increase means: the same event twice, or events out of order. */
function positionOrderMessage(position: string, previous: string | undefined): string {
  if (previous === undefined) return `position ${position} does not follow the position before it: events were reordered`;
  if (comparePositionText(position, previous) === 0) return `position ${position} appears twice in a row: an event was repeated`;
  return `position ${position} follows ${previous} in the export: events were reordered`;
}

/** Verifies exported events (global order) against their chains and, with a public key, the given checkpoints. */
export async function verifyLedger(events: AsyncIterable<ExportedEvent> | Iterable<ExportedEvent>, options: VerifyOptions = {}): Promise<VerifyReport> {
  const verifier = new LedgerVerifier(options);
  if (verifier.failed !== null) return verifier.finish();
  if (Symbol.asyncIterator in events) {
    for await (const e of events) if (verifier.addEvent(e) !== null) break;
  } else {
    // A plain iterable: no promise per event.
    for (const e of events) if (verifier.addEvent(e) !== null) break;
  }
  return verifier.finish();
}

/** The records of an export, one at a time (parseExport) or in arrays (parseExportBatches), or both mixed. */
export type ExportRecordSource = AsyncIterable<ExportRecord | readonly ExportRecord[]>;

const isBatch = (item: ExportRecord | readonly ExportRecord[]): item is readonly ExportRecord[] => Array.isArray(item);

/** An export being verified: the header makes the verifier; every later record feeds it. */
class ExportVerification {
  private verifier: LedgerVerifier | null = null;

  constructor(private readonly options: VerifyOptions) {}

  /** Takes one record; false once verification has failed (the caller stops reading). */
  add(r: ExportRecord): boolean {
    if (r.kind === 'header') {
      this.verifier = new LedgerVerifier({ ...this.options, origin: this.options.origin ?? r.origin });
      return true;
    }
    const verifier = this.verifier;
    if (verifier === null) throw new LedgerError('malformed-export', 'export has no header');
    if (verifier.failed !== null) return false;
    return (r.kind === 'event' ? verifier.addEvent(r) : verifier.addCheckpoint(r.note)) === null;
  }

  finish(): VerifyReport {
    if (this.verifier === null) throw new LedgerError('malformed-export', 'export has no header');
    return this.verifier.finish();
  }
}

/**
 * Verifies a parsed NDJSON export (see export-format.ts): header origin, events, and checkpoint lines anywhere.
 * Arrays of records are walked synchronously: readExportBatches gives one per chunk read, which saves a promise
 * per record.
 */
export async function verifyExport(records: ExportRecordSource, options: VerifyOptions = {}): Promise<VerifyReport> {
  const run = new ExportVerification(options);
  reading: for await (const item of records) {
    if (!isBatch(item)) {
      if (!run.add(item)) break;
      continue;
    }
    for (let i = 0; i < item.length; i++) if (!run.add(item[i]!)) break reading;
  }
  return run.finish();
}

function keysOf(input: NoteVerifierInput | readonly NoteVerifierInput[]): readonly NoteVerifierInput[] {
  return Array.isArray(input) ? (input as readonly NoteVerifierInput[]) : [input as NoteVerifierInput];
}

/**
 * The checkpoint, opened with the first of the keys that signed it. When none did, the refusal of the key whose
 * signature is on the note but does not verify (a forged or altered note) wins over "no signature from this key".
 */
function openWithAnyKey(note: string, keys: readonly Exclude<NoteVerifierInput, string | Uint8Array>[], origin: string | undefined): SignedCheckpoint {
  let refusal: LedgerError | null = null;
  for (const key of keys) {
    try {
      return openCheckpoint(note, key, origin);
    } catch (err) {
      if (!(err instanceof LedgerError) || err.code !== 'note-not-verified') throw err;
      if (refusal === null || !err.message.startsWith('no signature')) refusal = err;
    }
  }
  throw refusal!;
}
