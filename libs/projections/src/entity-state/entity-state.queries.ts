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
  /**
   * effectiveAt (the default): by the date the claim speaks for. recordedAt: by when its current version was recorded,
   * oldest first (how long a version has waited for review).
   */
  readonly order?: ClaimOrder;
  /** Only the claims after this one in the list's order: the last claim of the previous page (a cursor of that order). */
  readonly after?: ClaimCursor | RecordedClaimCursor;
  /** At most this many claims (default: all). */
  readonly limit?: number;
}

export type ClaimOrder = 'effectiveAt' | 'recordedAt';

/** Where a claim sits in listClaims' order (effective date, commitment, claim): a page starts after it. */
export interface ClaimCursor {
  readonly effectiveAt: string | null;
  readonly commitmentId: string;
  readonly claimId: string;
}

/** Where a claim sits in the recordedAt order (recording of its current version, commitment, claim). */
export interface RecordedClaimCursor {
  readonly recordedAt: string;
  readonly commitmentId: string;
  readonly claimId: string;
}

/** A listed claim, with what a reviewer needs to read and rank it without opening its commitment. */
export interface ClaimListRow extends ClaimView {
  /** When the claim's current version was recorded (its ProgressReported event); null if the audit trail has none. */
  readonly recordedAt: string | null;
  readonly milestoneTitle: string | null;
  readonly milestoneDueDate: string | null;
  readonly commitmentTitle: string | null;
  readonly ogpId: string | null;
  /** The member's time zone as its state holds it now (the day a version was recorded is a day there). */
  readonly timeZone: string | null;
}

/**
 * The event that records a claim version, and where the domain's states keep what a listing names: listClaims reads
 * the audit trail and the stored states as domain-state-model.ts binds them.
 */
const CLAIM_VERSION_REPORTED = 'ProgressReported';
const COMMITMENT_OGP_ID = '$.terms.ogpId';
const MEMBER_TIME_ZONE = '$.timeZone';

/**
 * The condition on the claims after `after` in the order (effective_at, commitment_id, claim_id), with its arguments.
 * SQLite sorts a null effective date first, and a row-value comparison with null is never true: spelled out.
 */
function claimsAfter(after: ClaimCursor): { sql: string; args: string[] } {
  const sameDateLater = '(c.commitment_id, c.claim_id) > (?, ?)';
  return after.effectiveAt === null
    ? { sql: `(c.effective_at IS NOT NULL OR ${sameDateLater})`, args: [after.commitmentId, after.claimId] }
    : { sql: `(c.effective_at > ? OR (c.effective_at = ? AND ${sameDateLater}))`, args: [after.effectiveAt, after.effectiveAt, after.commitmentId, after.claimId] };
}

/** The filters of a claim query on the claims table `c`, with their arguments (the cursor aside). */
function claimFilters(query: ClaimQuery): { where: string[]; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const when = (condition: string, value: string | undefined): void => {
    if (!value) return;
    where.push(condition);
    args.push(value);
  };
  when('c.member_id = ?', query.memberId);
  when('c.plan_id = ?', query.planId);
  when('c.commitment_id = ?', query.commitmentId);
  when('c.effective_at >= ?', query.effectiveFrom);
  when('c.effective_at <= ?', query.effectiveTo);
  when('c.status = ?', query.status);
  return { where, args };
}

const isRecordedCursor = (after: ClaimCursor | RecordedClaimCursor): after is RecordedClaimCursor => 'recordedAt' in after;

/** What a page's claims are joined with: their milestone, commitment and member rows (by key, a page's rows only). */
const NAMED = `SELECT c.*, m.title AS milestone_title, m.due_date AS milestone_due_date, e.title AS commitment_title,
    json_extract(e.state, '${COMMITMENT_OGP_ID}') AS ogp_id, json_extract(mb.state, '${MEMBER_TIME_ZONE}') AS time_zone
  FROM page c
  LEFT JOIN ${MILESTONE_TABLE} m ON m.commitment_id = c.commitment_id AND m.milestone_id = c.milestone_id
  LEFT JOIN ${ENTITY_TABLE} e ON e.stream = 'commitment-' || c.commitment_id
  LEFT JOIN ${ENTITY_TABLE} mb ON mb.stream = 'member-' || c.member_id`;

/** A page in (effective date, commitment, claim) order, from the claims table's index; recorded_at comes after. */
function byEffectiveDate(db: ReadModelDb, query: ClaimQuery): Record<string, string | number | null>[] {
  const { where, args } = claimFilters(query);
  if (query.after) {
    if (isRecordedCursor(query.after)) throw new TypeError('listClaims: a recordedAt cursor for the effectiveAt order');
    const a = claimsAfter(query.after);
    where.push(a.sql);
    args.push(...a.args);
  }
  // A negative LIMIT is none in SQLite: one statement per set of filters, with or without a page size.
  return cachedStatement(
    db,
    `WITH page AS (SELECT * FROM ${CLAIM_TABLE} c${where.length ? ' WHERE ' + where.join(' AND ') : ''}
      ORDER BY c.effective_at, c.commitment_id, c.claim_id LIMIT ?+0)
     ${NAMED} ORDER BY c.effective_at, c.commitment_id, c.claim_id`,
  ).all(...args, query.limit ?? -1) as Record<string, string | number | null>[];
}

/**
 * When each claim's current version was recorded: the ProgressReported events of the page's commitments, narrowed by
 * the page's effective dates (a version's event carries its as-of date), read once for the page.
 */
function recordedAtOf(db: ReadModelDb, rows: readonly Record<string, string | number | null>[]): Map<string, string> {
  const streams = [...new Set(rows.map((r) => `commitment-${String(r['commitment_id'])}`))];
  const dates = [...new Set(rows.map((r) => r['effective_at']).filter((d) => d !== null))];
  const found = cachedStatement(
    db,
    `SELECT stream, json_extract(data, '$.claimId') AS claim_id, json_extract(data, '$.version') AS version, recorded_at
     FROM ${AUDIT_TABLE} WHERE stream IN (SELECT value FROM json_each(?)) AND type = '${CLAIM_VERSION_REPORTED}'
       AND effective_at IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(streams), JSON.stringify(dates)) as { stream: string; claim_id: unknown; version: unknown; recorded_at: string }[];
  return new Map(found.map((f) => [`${f.stream}/${String(f.claim_id)}/${String(f.version)}`, f.recorded_at]));
}

/**
 * A page in (recording of the current version, commitment, claim) order: the audit trail's ProgressReported events by
 * their recording (its index), each joined to its claim's row by key and kept when it is the claim's current version.
 * The audit trail drives (CROSS JOIN keeps that loop order), so a page reads the events from the cursor on, not every claim.
 */
function byRecording(db: ReadModelDb, query: ClaimQuery): Record<string, string | number | null>[] {
  const { where, args } = claimFilters(query);
  if (query.after) {
    if (!isRecordedCursor(query.after)) throw new TypeError('listClaims: an effectiveAt cursor for the recordedAt order');
    where.push('a.recorded_at >= ? AND (a.recorded_at, c.commitment_id, c.claim_id) > (?, ?, ?)');
    args.push(query.after.recordedAt, query.after.recordedAt, query.after.commitmentId, query.after.claimId);
  }
  return cachedStatement(
    db,
    `WITH page AS (SELECT c.*, a.recorded_at AS recorded_at FROM ${AUDIT_TABLE} a CROSS JOIN ${CLAIM_TABLE} c
        ON c.commitment_id = json_extract(a.data, '$.commitmentId') AND c.claim_id = json_extract(a.data, '$.claimId')
       WHERE a.type = '${CLAIM_VERSION_REPORTED}' AND json_extract(c.state, '$.version') = json_extract(a.data, '$.version')
         ${where.map((w) => ' AND ' + w).join('')}
       ORDER BY a.recorded_at, c.commitment_id, c.claim_id LIMIT ?+0)
     ${NAMED} ORDER BY c.recorded_at, c.commitment_id, c.claim_id`,
  ).all(...args, query.limit ?? -1) as Record<string, string | number | null>[];
}

/**
 * Current claims, filterable by their effective (business) date and review status, a page at a time, each with its
 * milestone's title and due date, its commitment's title and OGP id, its member's zone and when its current version
 * was recorded. In (effective date, commitment, claim) order, or (recording, commitment, claim) for order recordedAt:
 * either is unique, so a page that starts after the previous page's last claim neither skips nor repeats one.
 * Read in one transaction (the page and its recording dates from the same batch).
 */
export function listClaims(db: ReadModelDb, query: ClaimQuery = {}): ClaimListRow[] {
  return db.transaction(() => {
    if (query.order === 'recordedAt') return byRecording(db, query).map((r) => claimListRow(r, (r['recorded_at'] as string | null) ?? null));
    const rows = byEffectiveDate(db, query);
    const recorded = rows.length === 0 ? new Map<string, string>() : recordedAtOf(db, rows);
    return rows.map((r) => {
      const row = claimListRow(r, null);
      const version = (row.state as { version?: unknown }).version;
      return { ...row, recordedAt: recorded.get(`commitment-${row.commitmentId}/${row.claimId}/${String(version)}`) ?? null };
    });
  })();
}

function claimListRow(r: Record<string, string | number | null>, recordedAt: string | null): ClaimListRow {
  const text = (name: string): string | null => (r[name] ?? null) as string | null;
  return {
    commitmentId: text('commitment_id')!,
    claimId: text('claim_id')!,
    milestoneId: text('milestone_id')!,
    memberId: text('member_id'),
    planId: text('plan_id'),
    completion: text('completion'),
    status: text('status'),
    effectiveAt: text('effective_at'),
    state: JSON.parse(text('state')!) as unknown,
    recordedAt,
    milestoneTitle: text('milestone_title'),
    milestoneDueDate: text('milestone_due_date'),
    commitmentTitle: text('commitment_title'),
    ogpId: text('ogp_id'),
    timeZone: text('time_zone'),
  };
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
