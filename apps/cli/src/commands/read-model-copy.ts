// The read models a reading command works on: a copy of the live ones, caught up in the copy, so that replay and
// export write nothing in DATA_DIR (an auditor may hold read-only access to a store, and a server may be running).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@ogp/event-store';
import { catchUp, domainStateModel, openReadModelDb, whyReadModelsAreNotOfStore, type RebuildProgress, type ReadModelDb } from '@ogp/projections';
import type { ResolvedConfig } from '@ogp/tracker';

/** The live read-model database of an installation (the API's runner keeps it up to date). */
export function liveReadModelFile(config: ResolvedConfig): string {
  return join(config.DATA_DIR, 'read-models.sqlite');
}

/**
 * Runs `work` on a private copy of the live read models (an empty database when there are none yet), caught up with
 * the store; the copy is removed afterwards. VACUUM INTO writes the copy within one read transaction: a consistent
 * snapshot, however often a server commits meanwhile (SQLite's online backup starts over after each commit by another
 * connection, and against a busy server never finished). It runs on a read-only connection.
 */
export async function withCaughtUpReadModels<T>(
  config: ResolvedConfig,
  store: EventStore,
  work: (db: ReadModelDb) => Promise<T>,
  onProgress?: (p: RebuildProgress) => void,
  /**
   * What to do with live read models that are not of this store (ahead of it, or of another history: an older
   * events.sqlite restored under them): 'rebuild' works on read models rebuilt from the store instead, so that an
   * export holds only what the store holds; 'keep' works on them as they are, so that replay reports them different.
   * Either way the reason goes to stderr.
   */
  whenNotOfStore: 'rebuild' | 'keep' = 'rebuild',
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-read-models-'));
  const file = join(dir, 'read-models.sqlite');
  try {
    const live = liveReadModelFile(config);
    if (existsSync(live)) snapshotReadModels(live, file);
    let db = openReadModelDb({ file });
    const reason = await whyReadModelsAreNotOfStore(db, store);
    if (reason !== null) {
      process.stderr.write(`warning: ${live} is not of this event store (${reason})${whenNotOfStore === 'rebuild' ? ': working on read models rebuilt from the store' : ''}\n`);
      if (whenNotOfStore === 'rebuild') {
        db.close();
        rmSync(file, { force: true });
        db = openReadModelDb({ file });
      }
    }
    try {
      await catchUp({ store, db, model: domainStateModel, ...(onProgress ? { onProgress } : {}) });
      return await work(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies the read-model database `live` to `file` (which must not exist) as one consistent snapshot, reading only. */
export function snapshotReadModels(live: string, file: string): void {
  const source = openReadModelDb({ file: live, readonly: true });
  try {
    source.prepare('VACUUM INTO ?').run(file);
  } finally {
    source.close();
  }
}
