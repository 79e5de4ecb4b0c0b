// What changed between two instants of recording: which entities, by which events, who changed them and why.
import { normalizeAsOf } from '../as-of';
import type { ReadModelDb } from '../projection';
import type { EntityKind } from '../streams';
import { AUDIT_TABLE } from './audit-trail.projection';
import { AUDIT_COLUMNS, type AuditEntry, type AuditRow, toAuditEntry } from './audit-entry';

export interface EntityChange {
  readonly stream: string;
  readonly entityKind: EntityKind;
  readonly entityId: string;
  /** Revision the entity had at `from` (null: it did not exist yet) and at `to`. */
  readonly fromRevision: number | null;
  readonly toRevision: number;
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
  /** Cap on the events listed (default 10,000); the diff says how many there were. */
  readonly limit?: number;
  /** Restrict to these streams (e.g. a member's streams). */
  readonly streams?: readonly string[];
}

/** Events recorded in (from, to], grouped by entity in order of first change. */
export function diffBetween(db: ReadModelDb, fromAsOf: string, toAsOf: string, options: DiffOptions = {}): ReadModelDiff {
  const from = normalizeAsOf(fromAsOf);
  const to = normalizeAsOf(toAsOf);
  if (!(from <= to)) throw new RangeError(`diff: from (${from}) must not be after to (${to})`);
  // The stream filter is part of the query, so that the limit counts only the events asked for.
  const where = `recorded_at > ? AND recorded_at <= ?${options.streams ? ' AND stream IN (SELECT value FROM json_each(?))' : ''}`;
  const params: unknown[] = options.streams ? [from, to, JSON.stringify(options.streams)] : [from, to];
  const rows = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_TABLE} WHERE ${where} ORDER BY seq LIMIT ?+0`).all(...params, options.limit ?? 10_000) as AuditRow[];
  const eventCount = (db.prepare(`SELECT COUNT(*) AS n FROM ${AUDIT_TABLE} WHERE ${where}`).get(...params) as { n: number }).n;
  const byStream = new Map<string, AuditEntry[]>();
  const actors = new Map<string, { actorId: string; actorRole: string; events: number }>();
  for (const row of rows) {
    const entry = toAuditEntry(row);
    let list = byStream.get(entry.stream);
    if (!list) byStream.set(entry.stream, (list = []));
    list.push(entry);
    const key = `${entry.actorRole}\u0000${entry.actorId}`;
    const actor = actors.get(key) ?? { actorId: entry.actorId, actorRole: entry.actorRole, events: 0 };
    actor.events++;
    actors.set(key, actor);
  }
  const entities: EntityChange[] = [];
  for (const [stream, events] of byStream) {
    const first = events[0]!;
    const fromRevision = first.revision === 0 ? null : first.revision - 1;
    entities.push({
      stream,
      entityKind: first.entityKind,
      entityId: first.entityId,
      fromRevision,
      toRevision: events[events.length - 1]!.revision,
      events,
    });
  }
  return { from, to, entities, actors: [...actors.values()], eventCount, truncated: eventCount > rows.length };
}
