// Applies events to a set of projections in explicit transactions, checkpointing each projection with its rows.
import { comparePositions, type Position, type StoredEvent } from '@ogp/event-store';
import type { Projection, ReadModelDb } from '../projection';
import { minPosition } from '../positions';
import { type Checkpoint, checkpointWriter, readCheckpoint, setupCheckpoints } from './checkpoints';

interface Slot {
  readonly projection: Projection;
  /** Committed checkpoint. */
  committed: Position | null;
  committedAt: string | null;
  /** Checkpoint including the open batch. */
  pending: Position | null;
  pendingAt: string | null;
}

/**
 * Shared by the live runner and the rebuild: one transaction per batch, every projection's checkpoint written in it.
 * An event at or before a projection's checkpoint is skipped for that projection, so re-delivery never applies twice.
 */
export class BatchApplier {
  private readonly slots: Slot[];
  private readonly writeCheckpoint: (c: Checkpoint) => void;
  private inTransaction = false;
  private count = 0;

  constructor(
    private readonly db: ReadModelDb,
    projections: readonly Projection[],
  ) {
    const names = new Set<string>();
    for (const p of projections) {
      if (names.has(p.name)) throw new Error(`Two projections named ${p.name}`);
      names.add(p.name);
    }
    setupCheckpoints(db);
    this.slots = projections.map((projection) => this.prepareSlot(projection));
    this.writeCheckpoint = checkpointWriter(db);
  }

  /** The position every projection has committed (null: at least one has applied nothing yet). */
  committedPosition(): Position | null {
    return minPosition(this.slots.map((s) => s.committed));
  }

  /** recordedAt of the last event committed by the slowest projection. */
  committedRecordedAt(): string | null {
    let slowest: Slot | undefined;
    for (const s of this.slots) {
      if (s.committed === null) return null;
      if (!slowest || comparePositions(s.committed, slowest.committed!) < 0) slowest = s;
    }
    return slowest?.committedAt ?? null;
  }

  get pendingCount(): number {
    return this.count;
  }

  get open(): boolean {
    return this.inTransaction;
  }

  apply(event: StoredEvent): void {
    if (!this.inTransaction) this.begin();
    for (const slot of this.slots) {
      if (slot.pending !== null && comparePositions(event.position, slot.pending) <= 0) continue;
      slot.projection.apply(this.db, event);
      slot.pending = event.position;
      slot.pendingAt = event.metadata.recordedAt;
    }
    this.count++;
  }

  commit(): void {
    if (!this.inTransaction) return;
    try {
      for (const slot of this.slots) {
        slot.projection.flush?.(this.db);
        if (slot.pending !== slot.committed) {
          this.writeCheckpoint({
            name: slot.projection.name,
            version: slot.projection.version,
            position: slot.pending,
            recordedAt: slot.pendingAt,
          });
        }
      }
      this.db.exec('COMMIT');
    } catch (err) {
      this.rollback();
      throw err;
    }
    this.inTransaction = false;
    this.count = 0;
    for (const slot of this.slots) {
      slot.committed = slot.pending;
      slot.committedAt = slot.pendingAt;
    }
  }

  /**
   * Takes the write lock, then re-reads the checkpoints: another process (a CLI catch-up next to the API's runner)
   * may have committed batches since ours, and its events must be skipped, and our caches dropped, not re-applied.
   */
  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    let moved = false;
    for (const slot of this.slots) {
      const saved = readCheckpoint(this.db, slot.projection.name);
      const position = saved?.position ?? null;
      const same = position === null ? slot.committed === null : slot.committed !== null && comparePositions(position, slot.committed) === 0;
      if (same) continue;
      moved = true;
      slot.committed = slot.pending = position;
      slot.committedAt = slot.pendingAt = saved?.recordedAt ?? null;
    }
    if (moved) for (const slot of this.slots) slot.projection.discard?.();
  }

  rollback(): void {
    if (this.inTransaction && this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.inTransaction = false;
    this.count = 0;
    for (const slot of this.slots) {
      slot.pending = slot.committed;
      slot.pendingAt = slot.committedAt;
      slot.projection.discard?.();
    }
  }

  private prepareSlot(projection: Projection): Slot {
    const saved = readCheckpoint(this.db, projection.name);
    if (saved && saved.version !== projection.version) {
      // A new version means a new shape or new semantics: rebuild from the first event.
      this.db.transaction(() => {
        for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
        this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
      })();
    }
    projection.setup(this.db);
    const current = saved && saved.version === projection.version ? saved : null;
    if (!current) {
      checkpointWriter(this.db)({ name: projection.name, version: projection.version, position: null, recordedAt: null });
    }
    return {
      projection,
      committed: current?.position ?? null,
      committedAt: current?.recordedAt ?? null,
      pending: current?.position ?? null,
      pendingAt: current?.recordedAt ?? null,
    };
  }
}
