// What changed between two instants of recording: which entities, by which events, who changed them and why.
import { normalizeAsOf } from '../as-of';
import type { ReadModelDb } from '../projection';
import { parseStream, type EntityKind } from '../streams';
import { AUDIT_TABLE } from './audit-trail.projection';
import { AUDIT_COLUMNS, type AuditEntry, type AuditRow, toAuditEntry } from './audit-entry';

export interface EntityChange {
  readonly stream: string;
  readonly entityKind: EntityKind;
  readonly entityId: string;
  /** Revision the entity had at `from` (null: it did not exist yet) and at `to`. */
  readonly fromRevision: number | null;
  readonly toRevision: number;
  /** Every event of the entity in the window; `events` lists them unless the diff was truncated. */
  readonly eventCount: number;
  readonly events: AuditEntry[];
}

export interface ReadModelDiff {
  readonly from: string;
  readonly to: string;
  readonly entities: EntityChange[];
  /** Who changed something, with how many events. */
  readonly actors: { readonly actorId: string; readonly actorRole: string; readonly events: number }[];
  /** Every event in the window (and streams asked for), listed or not. */
  readonly eventCount: number;
  /** True when more events matched than the limit let the diff list. */
  readonly truncated: boolean;
}

export interface DiffOptions {
  /** Cap on the events listed (default 1,000: one answer stays a few hundred kilobytes); the diff says how many there were. */
  readonly limit?: number;
  /** Restrict to these streams (e.g. a member's streams). */
  readonly streams?: readonly string[];
}

/**
 * The window's exclusive lower bound: an instant as given, a bare date the start of that day (UTC), as one reads "from
 * 4 December" (as an as-of, a date is the end of its day, which would leave the whole day out of the window).
 */
function windowStart(fromAsOf: string): string {
  const endOfDay = normalizeAsOf(fromAsOf);
  return /^\d{4}-\d{2}-\d{2}$/.test(fromAsOf) ? new Date(Date.parse(`${fromAsOf}T00:00:00.000Z`) - 1).toISOString() : endOfDay;
}

/** Events recorded in (from, to], grouped by entity in order of first change; `from` a bare date takes in its day. */
export function diffBetween(db: ReadModelDb, fromAsOf: string, toAsOf: string, options: DiffOptions = {}): ReadModelDiff {
  const from = windowStart(fromAsOf);
  const to = normalizeAsOf(toAsOf);
  if (!(from <= to)) throw new RangeError(`diff: from (${from}) must not be after to (${to})`);
  // The stream filter is part of the query, so that the limit counts only the events asked for.
  const where = `recorded_at > ? AND recorded_at <= ?${options.streams ? ' AND stream IN (SELECT value FROM json_each(?))' : ''}`;
  const params: unknown[] = options.streams ? [from, to, JSON.stringify(options.streams)] : [from, to];
  const rows = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_TABLE} WHERE ${where} ORDER BY seq LIMIT ?+0`).all(...params, options.limit ?? 1_000) as AuditRow[];
  const listed = new Map<string, AuditEntry[]>();
  for (const row of rows) {
    const entry = toAuditEntry(row);
    const list = listed.get(entry.stream);
    if (list) list.push(entry);
    else listed.set(entry.stream, [entry]);
  }
  // Entities, revisions and actors come from every event in the window, not only the listed ones: a truncated diff
  // lists fewer events, never fewer entities or smaller counts.
  const streams = db
    .prepare(`SELECT stream, MIN(revision) AS first, MAX(revision) AS last, COUNT(*) AS n FROM ${AUDIT_TABLE} WHERE ${where} GROUP BY stream ORDER BY MIN(seq)`)
    .all(...params) as { stream: string; first: number; last: number; n: number }[];
  const entities = streams.map(({ stream, first, last, n }): EntityChange => {
    const entity = parseStream(stream);
    return { stream, entityKind: entity?.kind ?? 'member', entityId: entity?.id ?? stream, fromRevision: first === 0 ? null : first - 1, toRevision: last, eventCount: n, events: listed.get(stream) ?? [] };
  });
  const actors = db
    .prepare(
      `SELECT json_extract(metadata, '$.actorId') AS actorId, json_extract(metadata, '$.actorRole') AS actorRole, COUNT(*) AS events FROM ${AUDIT_TABLE}
       WHERE ${where} GROUP BY actorRole, actorId ORDER BY MIN(seq)`,
    )
    .all(...params) as { actorId: string; actorRole: string; events: number }[];
  const eventCount = entities.reduce((n, e) => n + e.eventCount, 0);
  return { from, to, entities, actors, eventCount, truncated: eventCount > rows.length };
}
