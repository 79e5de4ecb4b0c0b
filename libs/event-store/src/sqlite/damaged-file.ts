// SQLite files that SQLite cannot read as a database: how to tell, and how to set one aside for a rebuilt cache.
import { existsSync, renameSync } from 'node:fs';

/** Whether an error says the file is not an intact SQLite database (not one at all, or damaged). */
export function isDamagedDatabaseError(error: unknown): boolean {
  return /^SQLITE_(NOTADB|CORRUPT)/.test(String((error as { code?: unknown } | null)?.code));
}

/**
 * Renames `file` (with its -wal and -shm files) to `<file>.damaged-<ms>`, kept for inspection, so that a cache the
 * event store can rebuild (read models, the ledger index) starts again empty. Returns the name it was given.
 */
export function setAsideDamagedFile(file: string, now: () => number = Date.now): string {
  const setAside = `${file}.damaged-${now()}`;
  renameSync(file, setAside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, setAside + suffix);
  return setAside;
}
