// The live projection runner: a catch-up subscription to the global order feeding every projection, in batched
// transactions that carry the checkpoints, with lag reporting and waitFor(position) for read-your-writes.
import { comparePositions, type EventStore, type Position, type StoredEvent, type Subscription } from '@ogp/event-store';
import type { Projection, ReadModelDb } from '../projection';
import { BatchApplier } from './batch-applier';
import { ProjectionRunnerStoppedError, ReadModelTimeoutError } from './errors';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly db: ReadModelDb;
  readonly projections: readonly Projection[];
  /** Commit after this many events... */
  readonly batchSize?: number;
  /** ...or this many milliseconds after the first event of the batch, whichever comes first. */
  readonly batchMs?: number;
  /** Restart from the checkpoint this long after a failure; undefined: stay failed until start() is called. */
  readonly retryMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Wall clock for lag in seconds (tests pass a fixed one). */
  readonly now?: () => number;
}

export type RunnerState = 'idle' | 'running' | 'failed' | 'stopped';

export interface ProjectionLag {
  /** Events stored after the position the read models reflect (counted up to `LAG_COUNT_CAP`). */
  readonly events: number;
  /** True when there are more events than were counted. */
  readonly capped: boolean;
  /** Seconds since the oldest unapplied event was recorded; 0 when caught up. */
  readonly seconds: number;
  /** The position every read model reflects (null: nothing applied yet). */
  readonly position: Position | null;
  readonly head: Position | null;
}

export const LAG_COUNT_CAP = 10_000;

interface Waiter {
  readonly position: Position;
  resolve(position: Position): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

export class ProjectionRunner {
  private readonly applier: BatchApplier;
  private readonly batchSize: number;
  private readonly batchMs: number;
  private readonly now: () => number;
  private subscription: Subscription | null = null;
  private loopDone: Promise<void> = Promise.resolve();
  private batchTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private waiters: Waiter[] = [];
  private stateValue: RunnerState = 'idle';
  private lastError: unknown = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.applier = new BatchApplier(options.db, options.projections);
    this.batchSize = options.batchSize ?? 1000;
    this.batchMs = options.batchMs ?? 50;
    this.now = options.now ?? Date.now;
  }

  get state(): RunnerState {
    return this.stateValue;
  }

  get error(): unknown {
    return this.lastError;
  }

  /** The position every projection has committed; reads reflect exactly this. */
  position(): Position | null {
    return this.applier.committedPosition();
  }

  /** Starts (or, after a failure, restarts) from the committed checkpoints. */
  start(): void {
    if (this.stateValue === 'running') return;
    this.stateValue = 'running';
    this.lastError = null;
    const from = this.applier.committedPosition();
    const subscription = this.options.store.subscribeToAll({ fromPosition: from ?? 'start' });
    this.subscription = subscription;
    this.loopDone = this.consume(subscription);
  }

  /** Commits the open batch and ends the subscription. Waiters are rejected. */
  async stop(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const wasRunning = this.stateValue === 'running';
    this.stateValue = 'stopped';
    if (wasRunning) {
      await this.subscription?.close();
      await this.loopDone;
    }
    this.rejectWaiters(new ProjectionRunnerStoppedError('stopped'));
  }

  /** Resolves with the reflected position once every projection has applied `position`. */
  waitFor(position: Position, timeoutMs: number): Promise<Position> {
    const reflected = this.position();
    if (reflected && comparePositions(reflected, position) >= 0) return Promise.resolve(reflected);
    // A failed runner that will retry may still get there in time; a stopped one will not.
    if (this.stateValue === 'stopped' || (this.stateValue === 'failed' && this.options.retryMs === undefined)) {
      return Promise.reject(new ProjectionRunnerStoppedError(this.stateValue));
    }
    return new Promise<Position>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new ReadModelTimeoutError(position, this.position(), timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  async lag(): Promise<ProjectionLag> {
    const position = this.position();
    const head = await this.options.store.headPosition();
    if (head === null || (position !== null && comparePositions(position, head) >= 0)) {
      return { events: 0, capped: false, seconds: 0, position, head };
    }
    let events = 0;
    let oldest: string | null = null;
    for await (const event of this.options.store.readAll({ fromPosition: position ?? 'start', maxCount: LAG_COUNT_CAP + 1 })) {
      if (position && comparePositions(event.position, position) <= 0) continue;
      if (comparePositions(event.position, head) > 0) break;
      oldest ??= event.metadata.recordedAt;
      events++;
      if (events >= LAG_COUNT_CAP) break;
    }
    const seconds = oldest === null ? 0 : Math.max(0, (this.now() - Date.parse(oldest)) / 1000);
    return { events, capped: events >= LAG_COUNT_CAP, seconds, position, head };
  }

  private async consume(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        if (this.stateValue !== 'running') break;
        this.applyOne(event);
      }
      this.flush();
    } catch (error) {
      this.fail(error);
    }
  }

  private applyOne(event: StoredEvent): void {
    const opening = !this.applier.open;
    this.applier.apply(event);
    if (this.applier.pendingCount >= this.batchSize) this.flush();
    else if (opening) this.batchTimer = setTimeout(() => this.flushFromTimer(), this.batchMs);
  }

  private flushFromTimer(): void {
    this.batchTimer = null;
    try {
      this.flush();
    } catch (error) {
      this.fail(error);
    }
  }

  private flush(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    if (!this.applier.open) return;
    this.applier.commit();
    this.settleWaiters();
  }

  private fail(error: unknown): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    this.applier.rollback();
    if (this.stateValue === 'stopped') return;
    this.stateValue = 'failed';
    this.lastError = error;
    void this.subscription?.close().catch(() => undefined);
    this.options.onError?.(error);
    if (this.options.retryMs !== undefined) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.stateValue === 'failed' && this.options.db.open) this.start();
      }, this.options.retryMs);
    } else {
      this.rejectWaiters(new ProjectionRunnerStoppedError(error instanceof Error ? error.message : String(error)));
    }
  }

  private settleWaiters(): void {
    const reflected = this.position();
    if (!reflected || this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (comparePositions(reflected, w.position) >= 0) {
        clearTimeout(w.timer);
        w.resolve(reflected);
      } else still.push(w);
    }
    this.waiters = still;
  }

  private rejectWaiters(error: Error): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters = [];
  }
}
