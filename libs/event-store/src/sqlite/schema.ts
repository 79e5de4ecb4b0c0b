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
  // Another process (a CLI, a second instance, a reader of a store at rest) may hold a lock briefly: wait instead of
  // failing, from the first statement on (entering WAL takes the file's lock for a moment).
  db.pragma('busy_timeout = 10000');
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(SCHEMA);
}

/**
 * Called by the last writer to close: the file is left in rollback-journal mode, which a reader who may not write
 * its directory (an auditor's `verify`) can open read-only; a WAL file cannot be read there without its -wal and -shm
 * files, which the last writer removes. With another connection still open, the file stays in WAL mode: SQLite keeps
 * the -wal and -shm files, through which such a reader can read it.
 */
export function leaveAtRest(db: Database.Database): void {
  if (db.name === ':memory:') return;
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    // Busy (another connection) or not writable after all: the store is whole either way, only left in WAL mode.
    const code = String((error as { code?: unknown }).code);
    if (!/^SQLITE_(BUSY|LOCKED|READONLY)/.test(code)) throw error;
  }
}

/** The columns every read selects, in the order EventRow expects. */
export const EVENT_COLUMNS = 'position, id, stream, revision, type, schema_version, data, metadata, hash, prev_hash';
