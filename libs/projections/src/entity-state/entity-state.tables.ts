// Tables of the entity-state read model: current state per stream, periodic snapshots, milestones and claims.
import type { ReadModelDb } from '../projection';

export const ENTITY_TABLE = 'entity_states';
export const SNAPSHOT_TABLE = 'entity_snapshots';
export const MILESTONE_TABLE = 'milestones';
export const CLAIM_TABLE = 'claims';

/**
 * A snapshot is stored after every SNAPSHOT_EVERY events of a stream, or further apart for a large state: at least
 * one event for every SNAPSHOT_BYTES_PER_EVENT bytes of the stream's last snapshot (see snapshotDue).
 */
export const SNAPSHOT_EVERY = 100;
/** About as many bytes of JSON as JSON.parse reads in the time an as-of read folds one event. */
export const SNAPSHOT_BYTES_PER_EVENT = 1000;

/**
 * Whether a stream's state at `revision` is to be snapshotted, its last snapshot being at `lastRevision` (-1n: none)
 * and `lastBytes` long (UTF-8). Spacing snapshots by their own size keeps an as-of read's cost (parse one snapshot, fold the
 * events after it) in proportion to the state it returns, and the snapshots of a growing state to a few times its
 * final size: a fixed interval would store a state that grows with each event again every SNAPSHOT_EVERY events,
 * the square of the stream's length in all.
 */
export function snapshotDue(revision: bigint, lastRevision: bigint, lastBytes: number): boolean {
  const since = revision - lastRevision;
  return since >= SNAPSHOT_EVERY && since * BigInt(SNAPSHOT_BYTES_PER_EVENT) >= BigInt(lastBytes);
}

export function setupEntityTables(db: ReadModelDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${ENTITY_TABLE} (
    stream TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    member_id TEXT,
    plan_id TEXT,
    status TEXT,
    title TEXT,
    revision INTEGER NOT NULL,
    commit_pos INTEGER NOT NULL,
    prepare_pos INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    state TEXT NOT NULL,
    claims_in TEXT
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ${SNAPSHOT_TABLE} (
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    state TEXT NOT NULL,
    -- The state's length in UTF-8 bytes: what spaces the next snapshot (snapshotDue), without reading the state.
    bytes INTEGER NOT NULL,
    PRIMARY KEY (stream, revision)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ${MILESTONE_TABLE} (
    commitment_id TEXT NOT NULL,
    milestone_id TEXT NOT NULL,
    member_id TEXT,
    plan_id TEXT,
    title TEXT,
    status TEXT,
    start_date TEXT,
    due_date TEXT,
    state TEXT NOT NULL,
    PRIMARY KEY (commitment_id, milestone_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ${CLAIM_TABLE} (
    commitment_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    milestone_id TEXT NOT NULL,
    member_id TEXT,
    plan_id TEXT,
    completion TEXT,
    status TEXT,
    effective_at TEXT,
    ordinal INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (commitment_id, claim_id)
  ) WITHOUT ROWID;`);
  createEntityIndexes(db);
}

const INDEXES = [
  `${ENTITY_TABLE}_member ON ${ENTITY_TABLE} (member_id, kind)`,
  `${ENTITY_TABLE}_plan ON ${ENTITY_TABLE} (plan_id, kind)`,
  `${MILESTONE_TABLE}_plan ON ${MILESTONE_TABLE} (plan_id)`,
  `${CLAIM_TABLE}_effective ON ${CLAIM_TABLE} (effective_at)`,
];

/** The secondary indexes (the queries' access paths); idempotent. */
export function createEntityIndexes(db: ReadModelDb): void {
  db.exec(INDEXES.map((i) => `CREATE INDEX IF NOT EXISTS ${i};`).join('\n'));
}

/**
 * Drops the secondary indexes when every table is empty (a fresh rebuild), as the audit trail does: each entity
 * rewrite (the state row, its milestone and claim rows) would otherwise update them too, while building them once
 * at the end (createEntityIndexes) reads tables that are small next to the audit trail.
 */
export function dropEntityIndexesIfEmpty(db: ReadModelDb): void {
  for (const table of [ENTITY_TABLE, SNAPSHOT_TABLE, MILESTONE_TABLE, CLAIM_TABLE]) {
    if (db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined) return;
  }
  db.exec(INDEXES.map((i) => `DROP INDEX IF EXISTS ${i.slice(0, i.indexOf(' '))};`).join('\n'));
}

