// The SQLite event table, its indexes and connection pragmas (WAL, synchronous, busy timeout).
import type Database from 'better-sqlite3';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/**
 * position is the global sequence (rowid alias, assigned by the single writer); (stream, revision) is unique and
 * serves readStream and the head lookup; id is unique and serves the idempotent-retry check. No index on type:
 * type-filtered reads scan by position (one pass per read), which is cheaper overall than indexing every append.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  stream         TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  prev_hash      TEXT,
  UNIQUE (stream, revision)
);
`;

export function configureWriter(db: Database.Database, synchronous: SqliteSynchronous): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // Another process (a CLI, a second instance) may hold the write lock briefly: wait instead of failing.
  db.pragma('busy_timeout = 10000');
  db.exec(SCHEMA);
}

/** The columns every read selects, in the order EventRow expects. */
export const EVENT_COLUMNS = 'position, id, stream, revision, type, schema_version, data, metadata, hash, prev_hash';
