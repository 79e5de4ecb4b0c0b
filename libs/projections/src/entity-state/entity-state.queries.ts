// Entity-state queries: current state, state as of an instant of recording (nearest snapshot + fold), lists.
import { endOfDay, isIsoDate } from '@ogp/domain';
import type { JsonObject } from '@ogp/event-store';
import { normalizeAsOf } from '../as-of';
import { AUDIT_TABLE } from '../audit-trail/audit-trail.projection';
import type { ReadModelDb } from '../projection';
import { type EntityKind, parseStream } from '../streams';
import { cachedStatement } from '../statement-cache';
import { CLAIM_TABLE, ENTITY_TABLE, MILESTONE_TABLE, SNAPSHOT_TABLE } from './entity-state.tables';
import { parseStoredState } from './stored-state';
import { claimRows, type EntityStateModel } from './state-model';

export interface EntityState<S = unknown> {
  readonly stream: string;
  readonly kind: EntityKind;
  readonly entityId: string;
  readonly memberId: string | null;
  readonly planId: string | null;
  readonly status: string | null;
  readonly title: string | null;
  /** Revision of the last event folded (the ETag). */
  readonly revision: number;
  /** recordedAt of the last event folded. */
  readonly recordedAt: string;
  readonly state: S;
}

interface EntityRow {
  stream: string;
  kind: EntityKind;
  entity_id: string;
  member_id: string | null;
  plan_id: string | null;
  status: string | null;
  title: string | null;
  revision: number;
  recorded_at: string;
  state: string;
  claims_in: string | null;
}

const ENTITY_COLUMNS = 'stream, kind, entity_id, member_id, plan_id, status, title, revision, recorded_at, state, claims_in';

function toEntity(db: ReadModelDb, r: EntityRow): EntityState {
  return {
    stream: r.stream,
    kind: r.kind,
    entityId: r.entity_id,
    memberId: r.member_id,
    planId: r.plan_id,
    status: r.status,
    title: r.title,
    revision: Number(r.revision),
    recordedAt: r.recorded_at,
    state: parseStoredState(db, r.entity_id, r.state, r.claims_in),
  };
}

/**
 * Current state of one stream's entity, or null when the read model has no event of it. Read in one transaction:
 * a commitment's row and its claim rows then come from the same batch, whatever another connection to the file
 * commits between the two statements (the CLI catching the read models up beside a server).
 */
export function currentState(db: ReadModelDb, stream: string): EntityState | null {
  return db.transaction(() => {
    const row = cachedStatement(db, `SELECT ${ENTITY_COLUMNS} FROM ${ENTITY_TABLE} WHERE stream = ?`).get(stream) as EntityRow | undefined;
    return row ? toEntity(db, row) : null;
  })();
}

export interface EntityListQuery {
  readonly kind?: EntityKind;
  readonly memberId?: string;
  readonly planId?: string;
  readonly status?: string;
}

/** ` WHERE …` (or nothing) for the entities a list query matches, with its arguments. */
function entityWhere(query: EntityListQuery): { readonly sql: string; readonly args: readonly string[] } {
  const where: string[] = [];
  const args: string[] = [];
  const column = (name: string, value: string | undefined): void => {
    if (!value) return;
    where.push(`${name} = ?`);
    args.push(value);
  };
  column('kind', query.kind);
  column('member_id', query.memberId);
  column('plan_id', query.planId);
  column('status', query.status);
  return { sql: where.length ? ' WHERE ' + where.join(' AND ') : '', args };
}

export function listEntities(db: ReadModelDb, query: EntityListQuery = {}): EntityState[] {
  const w = entityWhere(query);
  const sql = `SELECT ${ENTITY_COLUMNS} FROM ${ENTITY_TABLE}${w.sql} ORDER BY stream`;
  // One transaction, as currentState: rows and claim rows from the same batch.
  return db.transaction(() => (db.prepare(sql).all(...w.args) as EntityRow[]).map((row) => toEntity(db, row)))();
}

/**
 * The entities a list query matches, each with its state as its row stores it: a commitment's without its claims
 * (an empty list in their place). For listings that name entities by a few of their terms (a member's plans and
 * commitments), which need not read every claim the commitments collected.
 */
export function listEntitiesWithoutClaims(db: ReadModelDb, query: EntityListQuery = {}): EntityState[] {
  const w = entityWhere(query);
  const sql = `SELECT ${ENTITY_COLUMNS} FROM ${ENTITY_TABLE}${w.sql} ORDER BY stream`;
  return (db.prepare(sql).all(...w.args) as EntityRow[]).map((row) => toEntity(db, { ...row, claims_in: null }));
}

/** The streams of the entities a list query matches, in stream order, without reading their states. */
export function entityStreams(db: ReadModelDb, query: EntityListQuery = {}): string[] {
  const w = entityWhere(query);
  return db.prepare(`SELECT stream FROM ${ENTITY_TABLE}${w.sql} ORDER BY stream`).pluck().all(...w.args) as string[];
}

interface FoldRow {
  revision: bigint;
  type: string;
  recorded_at: string;
  data: string;
}

/**
 * State of one stream's entity as the system knew it at `asOf` (events recorded at or before it), folded from the
 * nearest snapshot at or before asOf with the domain's evolve. Null when the entity did not exist yet.
 * Requires the audit-trail projection in the same database (it holds the events to fold).
 */
export function stateAsOf(db: ReadModelDb, model: EntityStateModel, stream: string, asOfText: string): EntityState | null {
  const asOf = normalizeAsOf(asOfText);
  const name = parseStream(stream);
  if (name === null) return null;
  const snap = cachedStatement(
    db,
    `SELECT revision, recorded_at, state FROM ${SNAPSHOT_TABLE} WHERE stream = ? AND recorded_at <= ?
     ORDER BY revision DESC LIMIT 1`,
  )
    .safeIntegers(true)
    .get(stream, asOf) as { revision: bigint; recorded_at: string; state: string } | undefined;
  let state: unknown = snap ? (JSON.parse(snap.state) as unknown) : model.initialState(name.kind);
  let revision = snap ? snap.revision : -1n;
  let recordedAt = snap?.recorded_at ?? null;
  // Per stream, recordedAt grows with the revision (the command handler never records an event before its stream's
  // last one, whatever its clock), so the events to fold sit between this snapshot and the next one, which was
  // recorded after asOf (or it would have been chosen): the cursor stops at the first event recorded after asOf.
  const rows = cachedStatement(
    db,
    `SELECT revision, type, recorded_at, data FROM ${AUDIT_TABLE}
     WHERE stream = ? AND revision > ? ORDER BY revision`,
  )
    .safeIntegers(true)
    .iterate(stream, revision) as IterableIterator<FoldRow>;
  // The state is this read's own (parsed just now), so the fold may change it in place: copying a commitment's claim
  // list for every event would cost events x claims (a minute at 100,000 claims).
  const evolve = model.evolveInPlace?.bind(model) ?? model.evolve.bind(model);
  for (const row of rows) {
    if (row.recorded_at > asOf) break;
    state = evolve(name.kind, state, { type: row.type, data: JSON.parse(row.data) as JsonObject });
    revision = row.revision;
    recordedAt = row.recorded_at;
  }
  if (recordedAt === null) return null;
  const c = model.columns(name.kind, state);
  return {
    stream,
    kind: name.kind,
    entityId: name.id,
    ...c,
    revision: Number(revision),
    recordedAt,
    state,
  };
}

/**
 * The instant an as-of names for one entity's reads (its state, history and progress): a bare date is the end of
 * that day in its member's time zone (the member's current zone, as the diff reads it; UTC for a member not known),
 * so that "as of 4 December" for Semarang is Semarang's 4 December, as its compliance is. An instant is itself.
 */
export function entityAsOf(db: ReadModelDb, stream: string, asOf: string): string {
  const instant = normalizeAsOf(asOf);
  if (!isIsoDate(asOf)) return instant;
  const row = cachedStatement(db, `SELECT member_id FROM ${ENTITY_TABLE} WHERE stream = ?`).get(stream) as { member_id: string | null } | undefined;
  const member = row?.member_id == null ? null : currentState(db, `member-${row.member_id}`);
  const zone = (member?.state as { timeZone?: unknown } | undefined)?.timeZone;
  return typeof zone === 'string' ? endOfDay(asOf, zone) : instant;
}

/** Current state, or as of an instant when `asOf` is given. */
export function entityState(db: ReadModelDb, model: EntityStateModel, stream: string, asOf?: string): EntityState | null {
  return asOf === undefined ? currentState(db, stream) : stateAsOf(db, model, stream, asOf);
}

export interface MilestoneView {
  readonly commitmentId: string;
  readonly milestoneId: string;
  readonly memberId: string | null;
  readonly planId: string | null;
  readonly title: string | null;
  readonly status: string | null;
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly state: unknown;
}

export interface ClaimView {
  readonly commitmentId: string;
  readonly claimId: string;
  readonly milestoneId: string;
  readonly memberId: string | null;
  readonly planId: string | null;
  readonly completion: string | null;
  readonly status: string | null;
  readonly effectiveAt: string | null;
  readonly state: unknown;
}

export interface ChildQuery {
  readonly memberId?: string;
  readonly planId?: string;
  readonly commitmentId?: string;
}

function childWhere(q: ChildQuery): { sql: string; args: string[] } {
  const where: string[] = [];
  const args: string[] = [];
  if (q.memberId) {
    where.push('member_id = ?');
    args.push(q.memberId);
  }
  if (q.planId) {
    where.push('plan_id = ?');
    args.push(q.planId);
  }
  if (q.commitmentId) {
    where.push('commitment_id = ?');
    args.push(q.commitmentId);
  }
  return { sql: where.join(' AND '), args };
}

export function listMilestones(db: ReadModelDb, query: ChildQuery = {}): MilestoneView[] {
  const w = childWhere(query);
  const rows = db
    .prepare(`SELECT * FROM ${MILESTONE_TABLE}${w.sql ? ' WHERE ' + w.sql : ''} ORDER BY commitment_id, milestone_id`)
    .all(...w.args) as Record<string, string | null>[];
  return rows.map((r) => ({
    commitmentId: r['commitment_id']!,
    milestoneId: r['milestone_id']!,
    memberId: r['member_id'] ?? null,
    planId: r['plan_id'] ?? null,
    title: r['title'] ?? null,
    status: r['status'] ?? null,
    startDate: r['start_date'] ?? null,
    dueDate: r['due_date'] ?? null,
    state: JSON.parse(r['state']!) as unknown,
  }));
}

export interface ClaimQuery extends ChildQuery {
  /** Claims whose effective date is within [effectiveFrom, effectiveTo] (ISO dates or instants, compared as text). */
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  /** Only claims whose review status is this one (as the domain names it). */
  readonly status?: string;
  /** Only the claims after this one in the list's order: the last claim of the previous page. */
  readonly after?: ClaimCursor;
  /** At most this many claims (default: all). */
  readonly limit?: number;
}

/** Where a claim sits in listClaims' order (effective date, commitment, claim): a page starts after it. */
export interface ClaimCursor {
  readonly effectiveAt: string | null;
  readonly commitmentId: string;
  readonly claimId: string;
}

/**
 * The condition on the claims after `after` in the order (effective_at, commitment_id, claim_id), with its arguments.
 * SQLite sorts a null effective date first, and a row-value comparison with null is never true: spelled out.
 */
function claimsAfter(after: ClaimCursor): { sql: string; args: string[] } {
  const sameDateLater = '(commitment_id, claim_id) > (?, ?)';
  return after.effectiveAt === null
    ? { sql: `(effective_at IS NOT NULL OR ${sameDateLater})`, args: [after.commitmentId, after.claimId] }
    : { sql: `(effective_at > ? OR (effective_at = ? AND ${sameDateLater}))`, args: [after.effectiveAt, after.effectiveAt, after.commitmentId, after.claimId] };
}

/**
 * Current claims in (effective date, commitment, claim) order, filterable by their effective (business) date and
 * review status, a page at a time: (effective_at, commitment_id, claim_id) is unique, so a page that starts after
 * the previous page's last claim neither skips nor repeats one.
 */
export function listClaims(db: ReadModelDb, query: ClaimQuery = {}): ClaimView[] {
  const w = childWhere(query);
  const where = w.sql ? [w.sql] : [];
  const args: (string | number)[] = [...w.args];
  if (query.effectiveFrom) {
    where.push('effective_at >= ?');
    args.push(query.effectiveFrom);
  }
  if (query.effectiveTo) {
    where.push('effective_at <= ?');
    args.push(query.effectiveTo);
  }
  if (query.status) {
    where.push('status = ?');
    args.push(query.status);
  }
  if (query.after) {
    const a = claimsAfter(query.after);
    where.push(a.sql);
    args.push(...a.args);
  }
  // A negative LIMIT is none in SQLite: one statement per set of filters, with or without a page size.
  const rows = cachedStatement(
    db,
    `SELECT * FROM ${CLAIM_TABLE}${where.length ? ' WHERE ' + where.join(' AND ') : ''}
      ORDER BY effective_at, commitment_id, claim_id LIMIT ?+0`,
  ).all(...args, query.limit ?? -1) as Record<string, string | null>[];
  return rows.map((r) => ({
    commitmentId: r['commitment_id']!,
    claimId: r['claim_id']!,
    milestoneId: r['milestone_id']!,
    memberId: r['member_id'] ?? null,
    planId: r['plan_id'] ?? null,
    completion: r['completion'] ?? null,
    status: r['status'] ?? null,
    effectiveAt: r['effective_at'] ?? null,
    state: JSON.parse(r['state']!) as unknown,
  }));
}

/** A member's streams: its member stream and every plan and commitment whose state names it. */
export function memberStreams(db: ReadModelDb, memberId: string): string[] {
  const others = db
    .prepare(`SELECT stream FROM ${ENTITY_TABLE} WHERE member_id = ? AND kind != 'member' ORDER BY stream`)
    .pluck()
    .all(memberId) as string[];
  return [`member-${memberId}`, ...others];
}

export interface ClaimsAsOfQuery {
  readonly planId?: string;
  readonly commitmentId?: string;
  /** Instant of recording: the claims as the system knew them then. */
  readonly asOf: string;
  /** And, optionally, only those whose effective date falls in [effectiveFrom, effectiveTo]. */
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
}

/** Claims as known at an instant of recording (folded commitment states), optionally by effective date. */
export function claimsAsOf(db: ReadModelDb, model: EntityStateModel, query: ClaimsAsOfQuery): ClaimView[] {
  const commitments =
    query.commitmentId !== undefined
      ? [`commitment-${query.commitmentId}`]
      : entityStreams(db, { kind: 'commitment', ...(query.planId === undefined ? {} : { planId: query.planId }) });
  const out: ClaimView[] = [];
  for (const stream of commitments) {
    const found = stateAsOf(db, model, stream, query.asOf);
    if (found === null) continue;
    for (const k of claimRows(model, found.state)) {
      if (query.effectiveFrom !== undefined && (k.effectiveAt === null || k.effectiveAt < query.effectiveFrom)) continue;
      if (query.effectiveTo !== undefined && (k.effectiveAt === null || k.effectiveAt > query.effectiveTo)) continue;
      out.push({
        commitmentId: found.entityId,
        claimId: k.claimId,
        milestoneId: k.milestoneId,
        memberId: found.memberId,
        planId: found.planId,
        completion: k.completion,
        status: k.status,
        effectiveAt: k.effectiveAt,
        state: k.state,
      });
    }
  }
  return out.sort((a, b) => (a.effectiveAt ?? '').localeCompare(b.effectiveAt ?? '') || a.claimId.localeCompare(b.claimId));
}
