// Rebuild: feeds read models from the first event (or their checkpoint) up to a position, as fast as the store reads.
import { comparePositions, type EventStore, type Position, type StoredEvent } from '@ogp/event-store';
import type { Projection, ReadModelDb } from '../projection';
import { BatchApplier } from '../runner/batch-applier';

export interface RebuildProgress {
  readonly done: number;
  /** Estimated total (null when the store's positions do not count events). */
  readonly total: number | null;
  readonly position: Position | null;
  readonly elapsedMs: number;
}

export interface RebuildOptions {
  readonly store: EventStore;
  readonly db: ReadModelDb;
  readonly projections: readonly Projection[];
  /** Stop after this position (inclusive); default: the head when the rebuild starts. */
  readonly until?: Position | null;
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Progress is reported every this many events (and at the end). */
  readonly progressEvery?: number;
  /**
   * When given, the store is read raw (its stored texts reused, nothing re-serialized) and only the events this
   * names are read again through the store's upcasters. Without it every event is read upcast.
   */
  readonly needsUpcast?: (type: string, schemaVersion: number) => boolean;
}

export interface RebuildResult {
  readonly events: number;
  readonly position: Position | null;
  readonly elapsedMs: number;
}

/**
 * The SQLite store's positions are its global sequence (commit = prepare = 1-based count), so the head says how
 * many events there are; EventStoreDB's are log offsets and say nothing about counts.
 */
export function estimateEventCount(head: Position | null): number | null {
  if (head === null) return 0;
  return head.commit === head.prepare ? Number(head.commit) : null;
}

/** The event as the store's upcasters make it, keeping the raw texts (which then differ in schema version). */
async function upcast(store: EventStore, raw: StoredEvent): Promise<StoredEvent> {
  for await (const e of store.readStream(raw.stream, { fromRevision: raw.revision, maxCount: 1 })) return { ...e, raw: raw.raw };
  throw new Error(`Event ${raw.stream}@${raw.revision} vanished during a rebuild`);
}

export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const until = options.until === undefined ? await options.store.headPosition() : options.until;
  const applier = new BatchApplier(options.db, options.projections);
  const from = applier.committedPosition();
  const batchSize = options.batchSize ?? 20_000;
  const every = options.progressEvery ?? 50_000;
  const estimate = estimateEventCount(until);
  const alreadyDone = from === null ? 0 : (estimateEventCount(from) ?? 0);
  const total = estimate === null ? null : estimate - alreadyDone;
  let done = 0;
  const report = (): void =>
    options.onProgress?.({ done, total, position: applier.committedPosition(), elapsedMs: Date.now() - started });
  if (until !== null && (from === null || comparePositions(from, until) < 0)) {
    for (const p of options.projections) p.beginBulk?.(options.db);
    try {
      const raw = options.needsUpcast !== undefined;
      for await (const read of options.store.readAll({ fromPosition: from ?? 'start', raw })) {
        if (comparePositions(read.position, until) > 0) break;
        if (from !== null && comparePositions(read.position, from) <= 0) continue;
        const event = raw && options.needsUpcast!(read.type, read.schemaVersion) ? await upcast(options.store, read) : read;
        applier.apply(event);
        done++;
        if (applier.pendingCount >= batchSize) applier.commit();
        if (done % every === 0) report();
      }
      applier.commit();
    } catch (err) {
      applier.rollback();
      throw err;
    } finally {
      for (const p of options.projections) p.endBulk?.(options.db);
    }
  }
  report();
  return { events: done, position: applier.committedPosition(), elapsedMs: Date.now() - started };
}
