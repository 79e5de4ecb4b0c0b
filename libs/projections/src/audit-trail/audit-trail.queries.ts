// Audit trail queries: one entity's history, the global feed, and what changed between two instants.
import { END_OF_TIME, normalizeAsOf } from '../as-of';
import type { ReadModelDb } from '../projection';
import { cachedStatement } from '../statement-cache';
import { AUDIT_TABLE } from './audit-trail.projection';
import { AUDIT_COLUMNS, type AuditEntry, type AuditRow, toAuditEntry } from './audit-entry';

function asOfBound(asOf: string | undefined): string {
  return asOf === undefined ? END_OF_TIME : normalizeAsOf(asOf);
}

export interface HistoryQuery {
  /** Only events recorded at or before this ISO instant (what the system knew then). */
  readonly asOf?: string;
  /** Events with revision >= this. */
  readonly fromRevision?: number;
  readonly limit?: number;
}

/** Events of one stream (e.g. `plan-<id>`), in revision order. */
export function entityHistory(db: ReadModelDb, stream: string, query: HistoryQuery = {}): AuditEntry[] {
  const rows = cachedStatement(
    db,
    `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_TABLE} WHERE stream = ? AND revision >= ? AND recorded_at <= ?
     ORDER BY revision LIMIT ?+0`,
  ).all(stream, query.fromRevision ?? 0, asOfBound(query.asOf), query.limit ?? -1) as AuditRow[];
  return rows.map(toAuditEntry);
}

/** The stream's last revision recorded at or before asOf (now when absent), or null if it had no event by then. */
export function streamRevisionAsOf(db: ReadModelDb, stream: string, asOf?: string): bigint | null {
  // From the stream's end down its (stream, revision) index: MAX() with the recorded_at condition would scan it all.
  const row = cachedStatement(db, `SELECT revision FROM ${AUDIT_TABLE} WHERE stream = ? AND recorded_at <= ? ORDER BY revision DESC LIMIT 1`).get(stream, asOfBound(asOf)) as
    | { revision: number | bigint }
    | undefined;
  return row === undefined ? null : BigInt(row.revision);
}

export interface FeedQuery {
  /** Cursor: return events with seq greater than this (the `next` of the previous page). */
  readonly after?: number;
  readonly asOf?: string;
  readonly limit?: number;
}

export interface FeedPage {
  readonly entries: AuditEntry[];
  /** Cursor for the next page, null at the end. */
  readonly next: number | null;
}

/** Every domain event in the global order, paged. */
export function globalFeed(db: ReadModelDb, query: FeedQuery = {}): FeedPage {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const rows = cachedStatement(db, `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_TABLE} WHERE seq > ? AND recorded_at <= ? ORDER BY seq LIMIT ?+0`).all(query.after ?? 0, asOfBound(query.asOf), limit + 1) as AuditRow[];
  const entries = rows.slice(0, limit).map(toAuditEntry);
  return { entries, next: rows.length > limit ? entries[entries.length - 1]!.seq : null };
}

/** Rows fetched by one statement: bounds the data and metadata texts held at once. */
const ROWS_PER_FETCH = 500;

/**
 * Events of the given streams, in the global order, recorded at or before asOf. Only their seqs are sorted (read from
 * the (stream, revision) index: tens of bytes an event), and the rows are fetched by primary key ROWS_PER_FETCH at a
 * time. Sorting the rows themselves held every event's data and metadata in a temp b-tree in memory
 * (temp_store=MEMORY): ~470 MB for a member with 200,000 events. asOf is checked on the fetched rows: recorded_at is
 * not in the index, so checking it while listing seqs would read every row twice.
 * The cursor over the seqs stays open until the iteration ends: meanwhile `db` answers reads but refuses writes
 * (better-sqlite3), and the iteration reads one snapshot, the open cursor holding its read transaction.
 */
export function* eventsOfStreams(db: ReadModelDb, streams: readonly string[], asOf?: string): Generator<AuditEntry> {
  if (streams.length === 0) return;
  const bound = asOfBound(asOf);
  const seqs = cachedStatement(db, `SELECT seq FROM ${AUDIT_TABLE} WHERE stream IN (SELECT value FROM json_each(?)) ORDER BY seq`);
  let batch: number[] = [];
  for (const { seq } of seqs.iterate(JSON.stringify(streams)) as IterableIterator<{ seq: number }>) {
    batch.push(seq);
    if (batch.length === ROWS_PER_FETCH) {
      yield* eventsWithSeqs(db, batch, bound);
      batch = [];
    }
  }
  if (batch.length > 0) yield* eventsWithSeqs(db, batch, bound);
}

/** The events with these seqs recorded at or before bound, in seq order (read along the list, no sort). */
function eventsWithSeqs(db: ReadModelDb, seqs: readonly number[], bound: string): AuditEntry[] {
  const rows = cachedStatement(db, `SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_TABLE} WHERE seq IN (SELECT value FROM json_each(?)) AND recorded_at <= ? ORDER BY seq`).all(JSON.stringify(seqs), bound) as AuditRow[];
  return rows.map(toAuditEntry);
}
