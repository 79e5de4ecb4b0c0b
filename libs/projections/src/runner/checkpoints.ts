// The checkpoint table: per projection, its version and the last position it applied, written in the same
// transaction as its rows so that a restart resumes with no gap and no double application.
import type { Position } from '@ogp/event-store';
import type { ReadModelDb } from '../projection';

export const CHECKPOINT_TABLE = 'projection_checkpoints';

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  readonly position: Position | null;
  /** recordedAt of the last event applied (for lag in seconds); null before the first event. */
  readonly recordedAt: string | null;
}

interface CheckpointRow {
  name: string;
  version: number;
  commit_pos: bigint | null;
  prepare_pos: bigint | null;
  recorded_at: string | null;
}

export function setupCheckpoints(db: ReadModelDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    commit_pos INTEGER,
    prepare_pos INTEGER,
    recorded_at TEXT
  ) WITHOUT ROWID`);
}

export function readCheckpoint(db: ReadModelDb, name: string): Checkpoint | null {
  const row = db
    .prepare(`SELECT name, version, commit_pos, prepare_pos, recorded_at FROM ${CHECKPOINT_TABLE} WHERE name = ?`)
    .safeIntegers(true)
    .get(name) as CheckpointRow | undefined;
  if (!row) return null;
  return {
    name: row.name,
    version: Number(row.version),
    position: row.commit_pos === null || row.prepare_pos === null ? null : { commit: row.commit_pos, prepare: row.prepare_pos },
    recordedAt: row.recorded_at,
  };
}

export function readAllCheckpoints(db: ReadModelDb): Checkpoint[] {
  const rows = db.prepare(`SELECT name FROM ${CHECKPOINT_TABLE} ORDER BY name`).pluck().all() as string[];
  return rows.map((name) => readCheckpoint(db, name)!);
}

/** A prepared writer, reused for every batch. */
export function checkpointWriter(db: ReadModelDb): (c: Checkpoint) => void {
  const stmt = db.prepare(
    `INSERT INTO ${CHECKPOINT_TABLE} (name, version, commit_pos, prepare_pos, recorded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET version = excluded.version, commit_pos = excluded.commit_pos,
       prepare_pos = excluded.prepare_pos, recorded_at = excluded.recorded_at`,
  );
  return (c) => {
    stmt.run(c.name, c.version, c.position?.commit ?? null, c.position?.prepare ?? null, c.recordedAt);
  };
}
