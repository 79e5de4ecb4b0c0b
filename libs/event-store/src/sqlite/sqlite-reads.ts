// Keyset-paginated reads over the events table: pages by position or revision, never OFFSET, never all rows at once.
import type Database from 'better-sqlite3';
import type { Direction, EventFilter } from '../port';
import { EVENT_COLUMNS } from './schema';
import type { EventRow } from './event-row';

export const PAGE_SIZE = 1000;
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/**
 * Prepared statements, cached by query shape (direction, the number of filter terms, and whether the limit is a
 * whole page). A whole page's LIMIT is written into the SQL: SQLite's planner reads a bound LIMIT's value, so binding
 * one marks the statement expired and every run is compiled again (15 µs of a 4 µs indexed read, measured).
 */
export class SqliteReads {
  private readonly cache = new Map<string, Database.Statement<unknown[], EventRow>>();
  private readonly headStmt: Database.Statement<[], number | null>;

  constructor(private readonly db: Database.Database) {
    this.headStmt = db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(true);
  }

  /** One page of $all from `from` (inclusive) in `direction`, filtered in SQL. */
  allPage(from: number, direction: Direction, limit: number, filter: EventFilter | undefined): EventRow[] {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const key = `all|${direction}|${prefixes.length}|${types.length}|${limit === PAGE_SIZE}`;
    let stmt = this.cache.get(key);
    if (!stmt) {
      const where = [direction === 'forwards' ? 'position >= ?' : 'position <= ?'];
      if (prefixes.length > 0) where.push(`(${prefixes.map(() => 'substr(stream, 1, ?) = ?').join(' OR ')})`);
      if (types.length > 0) where.push(`type IN (${types.map(() => '?').join(', ')})`);
      const order = direction === 'forwards' ? 'ASC' : 'DESC';
      stmt = this.prepare(key, `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ${order} ${limitClause(limit)}`);
    }
    const params: unknown[] = [from];
    for (const p of prefixes) params.push(p.length, p);
    params.push(...types);
    if (limit !== PAGE_SIZE) params.push(limit);
    return stmt.all(...params);
  }

  /** One page of a stream from revision `from` (inclusive) in `direction`. */
  streamPage(stream: string, from: number, direction: Direction, limit: number): EventRow[] {
    const key = `stream|${direction}|${limit === PAGE_SIZE}`;
    const stmt =
      this.cache.get(key) ??
      this.prepare(
        key,
        direction === 'forwards'
          ? `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC ${limitClause(limit)}`
          : `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC ${limitClause(limit)}`,
      );
    return limit === PAGE_SIZE ? stmt.all(stream, from) : stmt.all(stream, from, limit);
  }

  headPosition(): number | null {
    return this.headStmt.get() ?? null;
  }

  private prepare(key: string, sql: string): Database.Statement<unknown[], EventRow> {
    const stmt = this.db.prepare<unknown[], EventRow>(sql).raw(true);
    this.cache.set(key, stmt);
    return stmt;
  }
}

/** A whole page's LIMIT as a literal (see SqliteReads), any other as a parameter. */
function limitClause(limit: number): string {
  return limit === PAGE_SIZE ? `LIMIT ${PAGE_SIZE}` : 'LIMIT ?';
}

/** Converts an inclusive bigint bound to the integer SQLite compares, clamped to the sequence range. */
export function seqBound(value: bigint): number {
  if (value < 0n) return -1;
  if (value > BigInt(MAX_SEQ)) return MAX_SEQ;
  return Number(value);
}

export const END_SEQ = MAX_SEQ;
