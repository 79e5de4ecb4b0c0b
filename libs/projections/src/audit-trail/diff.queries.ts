// What changed between two instants of recording: which entities, by which events, who changed them and why.
import { addDays, DEFAULT_TIME_ZONE, endOfDay, isIsoDate, type TimeZone } from '@ogp/domain';
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
  /** Whose days bare dates are (a member's diff: the member's zone); UTC by default. */
  readonly timeZone?: TimeZone;
}

/** A window whose start is after its end: the request's fault (a 400), not the server's. */
export class DiffWindowError extends RangeError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A diff's window must not start after it ends: from ${from}, to ${to}`);
    this.name = 'DiffWindowError';
  }
}

/**
 * The window (from, to] as instants. A bare date as `to` is the end of that day; as `from`, the end of the day before,
 * so that the window takes in the whole day, as one reads "from 4 December" (as an as-of, a date is the end of its
 * day, which would leave the whole day out). Days are the zone's.
 */
export function diffWindow(fromAsOf: string, toAsOf: string, timeZone: TimeZone = DEFAULT_TIME_ZONE): { readonly from: string; readonly to: string } {
  // normalizeAsOf first: it refuses what is neither an instant with its zone nor a date of the calendar (and gives
  // an instant, or a date's end in UTC).
  const [from, to] = [normalizeAsOf(fromAsOf), normalizeAsOf(toAsOf)];
  const zone = (date: string): TimeZone => (date >= FIRST_ZONED_DAY && date <= LAST_ZONED_DAY ? timeZone : DEFAULT_TIME_ZONE);
  return {
    from: isIsoDate(fromAsOf) ? endOfDayBefore(fromAsOf, zone(fromAsOf)) : from,
    to: isIsoDate(toAsOf) && zone(toAsOf) !== DEFAULT_TIME_ZONE ? endOfDay(toAsOf, timeZone) : to,
  };
}

/**
 * The days a zone's day is worked out for (addDays reads the years 0-99 as 1900-1999, and the day after 9999-12-31
 * has no ISO form); nothing is recorded at either end of the calendar, so UTC's days do there.
 */
const FIRST_ZONED_DAY = '0100-01-02';
const LAST_ZONED_DAY = '9999-12-30';

function endOfDayBefore(date: string, timeZone: TimeZone): string {
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(Date.parse(`${date}T00:00:00.000Z`) - 1).toISOString();
  return endOfDay(addDays(date, -1), timeZone);
}

/** Events recorded in (from, to] (diffWindow: a bare date as `from` takes in its day), grouped by entity in order of first change. */
export function diffBetween(db: ReadModelDb, fromAsOf: string, toAsOf: string, options: DiffOptions = {}): ReadModelDiff {
  const { from, to } = diffWindow(fromAsOf, toAsOf, options.timeZone);
  // from=2022-03-01&to=2022-02-28 is an empty window as instants (each the end of 28 February), and a slip as dates.
  if (!(from <= to) || (isIsoDate(fromAsOf) && isIsoDate(toAsOf) && fromAsOf > toAsOf)) throw new DiffWindowError(from, to);
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
