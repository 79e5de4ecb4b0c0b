// Prepared statements cached per database connection: preparing costs more than running a small query.
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

/**
 * The statement's first `limit` rows (all of them when limit is undefined). The SQL holds no LIMIT: SQLite's planner
 * reads a bound LIMIT's value, so binding one expires the statement and every run is compiled again (about 15 µs);
 * iterating and stopping reads no more rows than a LIMIT would.
 */
export function firstRows(stmt: Statement, params: readonly unknown[], limit: number | undefined): unknown[] {
  if (limit === undefined) return stmt.all(...params);
  const rows: unknown[] = [];
  if (limit <= 0) return rows;
  for (const row of stmt.iterate(...params)) {
    rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows;
}
