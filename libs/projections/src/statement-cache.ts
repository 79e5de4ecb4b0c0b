// Prepared statements cached per database connection: preparing costs more than running a small query. A bound
// LIMIT is written `LIMIT ?+0`: SQLite's planner reads the value of a bare bound LIMIT, so binding one expires the
// statement and every run is compiled again.
import type { ReadModelDb, Statement } from './projection';

const caches = new WeakMap<ReadModelDb, Map<string, Statement>>();

export function cachedStatement(db: ReadModelDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
