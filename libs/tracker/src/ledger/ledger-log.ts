// The global Merkle log over the event store: leaf i = hash of the i-th event in global order, kept live by a subscription.
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  comparePositions,
  EVENT_STORE,
  type EventStore,
  type Position,
  positionToString,
  type StoredEvent,
  type Subscription,
} from '@ogp/event-store';
import {
  buildProofBundle,
  CHECKPOINT_SIGNED,
  CHECKPOINT_STREAM,
  checkpointSignedEvent,
  entryHashBytes,
  type ExportedEvent,
  merkleLeafHash,
  MerkleTree,
  type ProofBundle,
  signCheckpoint,
} from '@ogp/ledger';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { ReadinessService } from '../metrics/readiness.service';
import { retryWait, type RetryWait } from '../store/retry-wait';
import { LedgerIndex } from './ledger-index';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from './signing-key';

/** The index file in DATA_DIR (see LedgerIndex). */
export const LEDGER_INDEX_FILE = 'ledger.sqlite';

/** Who asked for a checkpoint: the scheduler (role 'system') or an API key. */
export interface CheckpointRequester {
  readonly actorId: string;
  readonly actorRole: 'system' | 'admin' | 'auditor' | 'reviewer';
  readonly correlationId?: string;
  /** Recorded with the event; by default 'scheduled checkpoint' for the system, else 'checkpoint on demand'. */
  readonly reason?: string;
}

export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly note: string;
}

/** A checkpoint signed on request: the event ids written (none when one was already stored at that size). */
export interface SignedCheckpointAnswer extends StoredCheckpoint {
  readonly eventIds: readonly string[];
}

export interface InclusionAnswer {
  readonly eventId: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly path: readonly string[];
  readonly rootHash: string;
}

export interface ConsistencyAnswer {
  readonly fromSize: number;
  readonly toSize: number;
  readonly path: readonly string[];
  readonly fromRoot: string;
  readonly toRoot: string;
}

/** Thrown for a size beyond the log, an unknown event, or an event no checkpoint covers yet: the API maps it to 400/404/409. */
export class LedgerLookupError extends Error {
  constructor(
    readonly kind: 'unknown-event' | 'size-out-of-range' | 'no-checkpoint' | 'not-yet-checkpointed',
    message: string,
  ) {
    super(message);
    this.name = 'LedgerLookupError';
  }
}

/** The log is shutting down: requests waiting for it to catch up are answered instead of hanging (503). */
export class LedgerLogStoppedError extends Error {
  constructor() {
    super('The ledger log is stopping');
    this.name = 'LedgerLogStoppedError';
  }
}

const LOAD_PROGRESS_EVERY = 100_000;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

@Injectable()
export class LedgerLog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LedgerLog');
  /** The tree, each leaf's event and the checkpoints, on disk: memory does not grow with the history. */
  private index: LedgerIndex | null = null;
  private tree = new MerkleTree();
  /** The position of the last leaf's event (null: no leaf yet). */
  private lastPosition: Position | null = null;
  private latestCheckpointSize = -1;
  private lastLeafIsCheckpoint = false;
  private subscription: Subscription | null = null;
  private pump: Promise<void> | null = null;
  private stopping = false;
  private retry: RetryWait | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waiters: { size: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private signing: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_SIGNING_KEY) private readonly key: LedgerSigningKey,
    private readonly readiness: ReadinessService,
  ) {}

  get origin(): string {
    return this.config.LEDGER_ORIGIN;
  }

  get verifierKey(): string {
    return this.key.verifierKey;
  }

  get size(): number {
    return this.tree.size;
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const index = LedgerIndex.open(
      join(this.config.DATA_DIR, LEDGER_INDEX_FILE),
      (reason) => this.logger.warn(`ledger log: ${reason}; keeping a private index for this process, built from the store`),
      (message) => this.logger.warn(`ledger log: ${message}`),
    );
    this.index = index;
    // A scheduled commit that failed was rolled back: take up the index as committed, and follow the store again
    // from its last leaf (closing the subscription makes follow() open a new one from there).
    index.onCommitFailed = (error) => {
      this.logger.error(`ledger log: writing its index failed (${(error as Error).message}); following the store again from its last committed leaf`);
      this.takeUpIndex(index);
      void this.subscription?.close();
    };
    await this.resume(index);
    const resumedAt = this.tree.size;
    // Only the events appended since the index was last written are read: from its last leaf's position, which
    // readAll includes (and add skips).
    for await (const event of this.store.readAll(this.lastPosition === null ? {} : { fromPosition: this.lastPosition })) {
      this.add(event);
      if (this.tree.size % LOAD_PROGRESS_EVERY === 0) this.logger.log(`ledger log: loaded ${this.tree.size} events`);
    }
    index.flush();
    this.logger.log(`ledger log: ${this.tree.size} events (${this.tree.size - resumedAt} read from the store) in ${Date.now() - started} ms`);
    this.pump = this.follow();
    this.readiness.register('ledger', async () => {
      const head = await this.store.headPosition();
      const behind = head !== null && (this.lastPosition === null || comparePositions(this.lastPosition, head) < 0);
      return { ready: !behind, detail: `${this.tree.size} leaves${behind ? ', catching up' : ''}` };
    });
    this.timer = setInterval(() => void this.scheduledCheckpoint(), this.config.CHECKPOINT_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.stopping = true;
    this.retry?.stop();
    await this.subscription?.close();
    await this.pump;
    // Nothing will grow the log any more: whoever waits for it is answered now (HTTP closes after this hook).
    for (const w of this.waiters.splice(0)) w.reject(new LedgerLogStoppedError());
    this.index?.close();
    this.index = null;
  }

  /**
   * Takes up the tree the index holds, once it is known to be of this store: its last leaf must be the event the
   * store holds at that position, with that hash. Otherwise (another store behind the same DATA_DIR, a store
   * restored from an older backup) the index is cleared and the log built again from the first event.
   */
  private async resume(index: LedgerIndex): Promise<void> {
    this.takeUpIndex(index);
    const size = this.tree.size;
    if (size === 0 && index.leafCount() === 0 && index.latestCheckpoint() === null) return;
    const last = size > 0 && size === index.leafCount() && index.nodes.consistent() ? index.leaf(size - 1) : undefined;
    const stored = last === undefined ? undefined : await this.eventAt(last.position).catch(() => undefined);
    if (last !== undefined && stored?.id.toLowerCase() === last.eventId && merkleLeafHash(entryHashBytes(stored.hash)).equals(this.tree.leafHash(size - 1))) return;
    this.logger.warn(`ledger log: its index (${size} leaves) does not match the event store at its last leaf; building it again from the store`);
    index.clear();
    this.takeUpIndex(index);
  }

  /** Takes the tree, the last leaf and the latest checkpoint from the index as it stands. */
  private takeUpIndex(index: LedgerIndex): void {
    this.tree = new MerkleTree(index.nodes);
    const last = this.tree.size === 0 ? undefined : index.leaf(this.tree.size - 1);
    this.lastPosition = last?.position ?? null;
    this.lastLeafIsCheckpoint = last?.checkpoint ?? false;
    this.latestCheckpointSize = index.latestCheckpoint()?.treeSize ?? -1;
  }

  /** The stored event at a position, if any. */
  private async eventAt(position: Position): Promise<StoredEvent | undefined> {
    for await (const e of this.store.readAll({ fromPosition: position, maxCount: 1 })) return comparePositions(e.position, position) === 0 ? e : undefined;
    return undefined;
  }

  /** The index, or LedgerLogStoppedError (503) once the log has stopped. */
  private live(): LedgerIndex {
    if (this.index === null) throw new LedgerLogStoppedError();
    return this.index;
  }

  /**
   * Follows the store after the last leaf; a failed subscription is opened again after it (backing off up to 5 s),
   * so that the log, its readiness and whoever waits for it (a checkpoint, a bundle) do not stall for good.
   */
  private async follow(): Promise<void> {
    let backoff = RETRY_FIRST_MS;
    while (!this.stopping) {
      const subscription = this.store.subscribeToAll({ fromPosition: this.lastPosition ?? 'start' });
      this.subscription = subscription;
      let failure = 'it ended';
      try {
        for await (const event of subscription) {
          this.add(event);
          backoff = RETRY_FIRST_MS;
        }
      } catch (error) {
        failure = (error as Error).message;
      }
      await subscription.close().catch(() => undefined);
      if (this.stopping) return;
      this.logger.error(`ledger log subscription failed, following again in ${backoff} ms: ${failure}`);
      this.retry = retryWait(backoff);
      await this.retry.done;
      this.retry = null;
      backoff = Math.min(backoff * 2, RETRY_MAX_MS);
    }
  }

  private add(event: StoredEvent): void {
    // Events at or before the last leaf: the first of a catch-up read from the last leaf's position.
    if (this.lastPosition !== null && comparePositions(event.position, this.lastPosition) <= 0) return;
    const index = this.live();
    const checkpoint = event.type === CHECKPOINT_SIGNED && event.stream === CHECKPOINT_STREAM;
    try {
      const leaf = this.tree.append(entryHashBytes(event.hash));
      index.addLeaf(leaf, event.id, event.position, checkpoint);
      if (checkpoint) this.indexCheckpoint(index, event);
    } catch (error) {
      // No half-added leaf: the index drops what it wrote since its last commit, and the log takes it up as it was
      // (the caller, catch-up or follow(), then fails and reads the store again from that last leaf).
      index.rollback();
      this.takeUpIndex(index);
      throw error;
    }
    this.lastPosition = event.position;
    this.lastLeafIsCheckpoint = checkpoint;
    if (this.waiters.length > 0) {
      const size = this.tree.size;
      const ready = this.waiters.filter((w) => w.size <= size);
      this.waiters = this.waiters.filter((w) => w.size > size);
      for (const w of ready) w.resolve();
    }
  }

  private indexCheckpoint(index: LedgerIndex, event: StoredEvent): void {
    const { treeSize, note } = event.data as { treeSize?: unknown; note?: unknown };
    const size = Number(treeSize);
    if (typeof note !== 'string' || !Number.isSafeInteger(size)) return;
    index.addCheckpoint(size, note);
    this.latestCheckpointSize = Math.max(this.latestCheckpointSize, size);
  }

  /** Resolves once the log holds at least `size` leaves. */
  awaitSize(size: number): Promise<void> {
    if (this.tree.size >= size) return Promise.resolve();
    if (this.stopping) return Promise.reject(new LedgerLogStoppedError());
    return new Promise((resolve, reject) => this.waiters.push({ size, resolve, reject }));
  }

  /** Resolves once every event stored before the call is in the log. */
  async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    if (head === null) return;
    while (this.lastPosition === null || comparePositions(this.lastPosition, head) < 0) {
      await this.awaitSize(this.tree.size + 1);
    }
  }

  root(size: number = this.tree.size): string {
    this.live();
    this.checkSize(size);
    return this.tree.root(size).toString('base64');
  }

  checkpointAt(size: number): string | null {
    return this.live().checkpointAt(size);
  }

  latestCheckpoint(): StoredCheckpoint | null {
    const note = this.latestCheckpointSize < 0 ? null : this.checkpointAt(this.latestCheckpointSize);
    return note === null ? null : { treeSize: this.latestCheckpointSize, note };
  }

  leafIndexOf(eventId: string): number {
    const index = this.live().leafOf(eventId);
    if (index === undefined) throw new LedgerLookupError('unknown-event', `no event ${eventId} in the log`);
    return index;
  }

  inclusion(eventId: string, size: number = this.tree.size): InclusionAnswer {
    const leafIndex = this.leafIndexOf(eventId);
    this.checkSize(size);
    if (leafIndex >= size) throw new LedgerLookupError('size-out-of-range', `event ${eventId} is leaf ${leafIndex}, not within size ${size}`);
    return this.inclusionOf(eventId, leafIndex, size);
  }

  /** The same proof by leaf index: an auditor holding a whole-log export knows a line's place, not its event id. */
  inclusionAt(leafIndex: number, size: number = this.tree.size): InclusionAnswer {
    this.checkSize(size);
    // As for an event beyond the size: the request asks for a proof the tree of that size cannot give.
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= size) throw new LedgerLookupError('size-out-of-range', `leaf ${leafIndex} is not within size ${size}`);
    const leaf = this.live().leaf(leafIndex);
    if (leaf === undefined) throw new LedgerLookupError('unknown-event', `no leaf ${leafIndex} in the log`);
    return this.inclusionOf(leaf.eventId, leafIndex, size);
  }

  private inclusionOf(eventId: string, leafIndex: number, size: number): InclusionAnswer {
    return {
      eventId,
      leafIndex,
      treeSize: size,
      leafHash: this.tree.leafHash(leafIndex).toString('base64'),
      path: this.tree.inclusionProof(leafIndex, size).map((h) => h.toString('base64')),
      rootHash: this.tree.root(size).toString('base64'),
    };
  }

  consistency(fromSize: number, toSize: number): ConsistencyAnswer {
    this.live();
    this.checkSize(toSize);
    if (fromSize > toSize) throw new LedgerLookupError('size-out-of-range', `from ${fromSize} is beyond to ${toSize}`);
    return {
      fromSize,
      toSize,
      path: this.tree.consistencyProof(fromSize, toSize).map((h) => h.toString('base64')),
      fromRoot: this.tree.root(fromSize).toString('base64'),
      toRoot: this.tree.root(toSize).toString('base64'),
    };
  }

  /**
   * Signs the current tree, stores the note as a CheckpointSigned event and returns it; when the tree has grown by
   * nothing but the latest checkpoint's own event, returns that checkpoint instead (eventIds empty).
   */
  signCheckpoint(by: CheckpointRequester): Promise<SignedCheckpointAnswer> {
    // One signing at a time, so that concurrent requests at one size store one checkpoint, not several.
    const next = this.signing.then(() => this.signNow(by));
    this.signing = next.catch(() => undefined);
    return next;
  }

  private async signNow(by: CheckpointRequester): Promise<SignedCheckpointAnswer> {
    await this.catchUp();
    const treeSize = this.tree.size;
    const existing = this.checkpointAt(treeSize);
    if (existing !== null) return { treeSize, note: existing, eventIds: [] };
    // Nothing but the latest checkpoint's own event since it: that checkpoint is the answer. Signing again would only
    // append a checkpoint of a checkpoint, and asking in a loop would grow the log without end.
    const previous = this.lastLeafIsCheckpoint ? this.checkpointAt(treeSize - 1) : null;
    if (previous !== null) return { treeSize: treeSize - 1, note: previous, eventIds: [] };
    const eventId = randomUUID();
    const note = signCheckpoint(this.origin, treeSize, this.tree.root(treeSize), this.key.signer);
    const event = checkpointSignedEvent(note);
    const correlationId = by.correlationId ?? randomUUID();
    await this.store.append(
      CHECKPOINT_STREAM,
      [
        {
          id: eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: { ...event.data },
          metadata: {
            actorId: by.actorId,
            actorRole: by.actorRole,
            commandId: randomUUID(),
            correlationId,
            causationId: null,
            reason: by.reason ?? (by.actorRole === 'system' ? 'scheduled checkpoint' : 'checkpoint on demand'),
            recordedAt: this.clock.now().toISOString(),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    this.index?.addCheckpoint(treeSize, note);
    this.latestCheckpointSize = Math.max(this.latestCheckpointSize, treeSize);
    return { treeSize, note, eventIds: [eventId] };
  }

  /** The scheduled checkpoint: skipped when nothing but the previous checkpoint event was appended since. */
  async scheduledCheckpoint(): Promise<StoredCheckpoint | null> {
    const size = this.tree.size;
    if (size === 0 || this.checkpointAt(size) !== null || (this.lastLeafIsCheckpoint && this.checkpointAt(size - 1) !== null)) return null;
    try {
      return await this.signCheckpoint({ actorId: 'ledger', actorRole: 'system' });
    } catch (error) {
      this.logger.error(`scheduled checkpoint failed: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * The offline proof bundle for an event, against the latest stored checkpoint covering it. A read never signs:
   * an event newer than the latest checkpoint waits for the scheduled one, or for one asked for with
   * signCheckpoint (POST /ledger/checkpoints).
   */
  async bundle(eventId: string): Promise<ProofBundle> {
    const leafIndex = this.leafIndexOf(eventId);
    const checkpoint = this.latestCheckpoint();
    if (checkpoint === null || checkpoint.treeSize <= leafIndex) {
      throw new LedgerLookupError('not-yet-checkpointed', `no signed checkpoint covers event ${eventId} yet: wait for the next scheduled one, or ask for one (POST /ledger/checkpoints)`);
    }
    const event = await this.exportedEvent(leafIndex);
    return buildProofBundle(this.tree, event, leafIndex, checkpoint.note);
  }

  private async exportedEvent(leafIndex: number): Promise<ExportedEvent> {
    const leaf = this.live().leaf(leafIndex);
    if (leaf === undefined) throw new LedgerLookupError('unknown-event', `no leaf ${leafIndex} in the log`);
    for await (const e of this.store.readAll({ fromPosition: leaf.position, maxCount: 1, raw: true })) {
      // The event the leaf was made of, not the next one (a store that lost it, an EventStoreDB scavenge).
      if (e.raw === undefined || comparePositions(e.position, leaf.position) !== 0 || e.id.toLowerCase() !== leaf.eventId) break;
      return {
        stream: e.stream,
        revision: e.revision,
        type: e.type,
        schemaVersion: e.raw.schemaVersion,
        data: e.raw.data,
        metadata: e.raw.metadata,
        hash: e.hash,
        prevHash: e.prevHash,
        position: positionToString(e.position),
      };
    }
    throw new LedgerLookupError('unknown-event', `event at leaf ${leafIndex} could not be read`);
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.tree.size) {
      throw new LedgerLookupError('size-out-of-range', `size ${size} is beyond the log's ${this.tree.size} leaves`);
    }
  }
}
