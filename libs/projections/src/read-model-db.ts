// Opening the read-model SQLite database: WAL for the live cache, no journal and no fsync for a throwaway rebuild.
import Database from 'better-sqlite3';
import { isDamagedDatabaseError, setAsideDamagedFile } from '@ogp/event-store';
import type { ReadModelDb } from './projection';

export interface OpenReadModelDbOptions {
  /** A file path or ':memory:'. */
  readonly file: string;
  /**
   * 'live': WAL, synchronous=NORMAL (the runner's checkpoint commits with its rows, so a crash loses only
   * uncommitted batches, which are re-applied). 'rebuild': journal off, synchronous off: the file is thrown
   * away if the process dies, so durability would only cost time.
   */
  readonly mode?: 'live' | 'rebuild';
  readonly readonly?: boolean;
}

export function openReadModelDb(options: OpenReadModelDbOptions): ReadModelDb {
  const db = new Database(options.file, { readonly: options.readonly ?? false });
  if (options.readonly) return db;
  if ((options.mode ?? 'live') === 'rebuild') {
    // Larger pages suit the append-mostly bulk load (set before the first table exists; a no-op afterwards).
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    // 8 MB rebuilds as fast as 16 or 64 MB did (audit rows are appended, entity rows written once per stream per
    // batch), and every MB of cache is resident memory.
    db.pragma('cache_size = -8192');
    // Index builds at the end of a bulk load sort on disk, not in the process's memory.
    db.pragma('temp_store = FILE');
  } else {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -16384');
    db.pragma('temp_store = MEMORY');
  }
  return db;
}

/**
 * Opens the live read models; a file SQLite cannot read as a database (not one, or its header damaged) is set aside
 * as `<file>.damaged-<ms>` (with its -wal and -shm files) and a new, empty one is opened, which the runner rebuilds
 * from the store: the read models are a cache of the event store, and a damaged cache must not stop the service.
 * Returns the name it was set aside under, or null.
 */
export function openLiveReadModels(file: string, now: () => number = Date.now): { readonly db: ReadModelDb; readonly setAside: string | null } {
  let db: ReadModelDb | undefined;
  try {
    db = openReadModelDb({ file });
    // The pragmas above may not read the file; this reads its header and schema.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, setAside: null };
  } catch (error) {
    db?.close();
    if (!isDamagedDatabaseError(error)) throw error;
    const setAside = setAsideDamagedFile(file, now);
    return { db: openReadModelDb({ file }), setAside };
  }
}
