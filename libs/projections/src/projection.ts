// The shape of a read model: a plain object that creates its tables and applies one stored event at a time.
import type Database from 'better-sqlite3';
import type { StoredEvent } from '@ogp/event-store';

export type ReadModelDb = Database.Database;
export type Statement = Database.Statement<unknown[]>;

/**
 * A projection. The runner calls `setup` once per database (idempotent: CREATE ... IF NOT EXISTS), then `apply`
 * inside a transaction for each event after the projection's checkpoint. A projection may buffer work in memory
 * during a batch: `flush` runs inside the transaction right before commit, `discard` after a rollback.
 * Bumping `version` makes the runner drop `tables` and rebuild the projection from the first event.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** Tables this projection owns, in the order the checksum covers them. */
  readonly tables: readonly string[];
  /** Columns holding wall-clock values that differ between two builds of the same history; excluded from checksums. */
  readonly volatileColumns?: readonly string[];
  setup(db: ReadModelDb): void;
  apply(db: ReadModelDb, event: StoredEvent): void;
  flush?(db: ReadModelDb): void;
  discard?(): void;
  /**
   * Bulk loading (a rebuild): `beginBulk` may drop secondary indexes when its tables are empty, and `endBulk`
   * (re)creates them; building an index once at the end is much cheaper than maintaining it row by row.
   */
  beginBulk?(db: ReadModelDb): void;
  endBulk?(db: ReadModelDb): void;
}

/** A projection factory: every database (live, rebuild, checksum at a position) gets fresh projection objects. */
export type ProjectionFactory = () => Projection;
