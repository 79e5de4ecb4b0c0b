// Commitment export with OGP's field names, as CSV (RFC 4180, formula-guarded) or NDJSON, read plan by plan and page
// by page from the entity-state read model so that memory stays bounded whatever the number of commitments.
import { ENTITY_TABLE } from '../entity-state/entity-state.tables';
import { parseStoredState } from '../entity-state/stored-state';
import { COMMITMENT_FIELDS, type CommitmentRecord, type CommitmentRecordMapper } from '../entity-state/state-model';
import type { ReadModelDb } from '../projection';
import { cachedStatement } from '../statement-cache';
import { csvLine, UTF8_BOM } from './csv';

export type CommitmentExportFormat = 'csv' | 'ndjson';

export interface ExportCommitmentsOptions {
  readonly format: CommitmentExportFormat;
  readonly memberId?: string;
  /** Plans read per query (keyset paging), and commitments per read transaction. */
  readonly pageSize?: number;
}

interface Row {
  entity_id: string;
  state: string;
  claims_in: string | null;
}

/** A plan as the export walks them (null ids: commitments without a plan or member, which the domain never makes). */
interface PlanKey {
  plan_id: string | null;
  member_id: string | null;
  /** The sort key, as compared by the next page's query. */
  member: string;
  unknown: number;
  start: string;
  plan: string;
}

/**
 * The plans that have commitments (of one member, or of all), a page at a time: by member id, then by the plan's
 * first month (a plan the read model does not hold, which the domain never makes, after the member's others), then
 * by plan id. The plan ids are the commitments' own column, read off the plan index alone (or the member index), so
 * no commitment is left out for want of its plan's row; a plan's member and first month never change, so the pages
 * neither skip nor repeat one.
 */
function* plansInOrder(db: ReadModelDb, planStart: string | null, memberId: string | undefined, pageSize: number): Iterable<PlanKey> {
  const member =
    memberId === undefined
      ? `coalesce(p.member_id, (SELECT member_id FROM ${ENTITY_TABLE} WHERE kind = 'commitment' AND plan_id IS c.plan_id LIMIT 1))`
      : '?';
  const page = db.prepare(
    `SELECT *, coalesce(member_id, '') AS member, coalesce(plan_id, '') AS plan FROM (
       SELECT c.plan_id, ${member} AS member_id, p.stream IS NULL AS unknown, coalesce(json_extract(p.state, ?), '') AS start
       FROM (SELECT DISTINCT plan_id FROM ${ENTITY_TABLE} WHERE kind = 'commitment' ${memberId === undefined ? '' : 'AND member_id = ?'}) AS c
       LEFT JOIN ${ENTITY_TABLE} AS p ON p.stream = 'plan-' || c.plan_id
     ) WHERE (coalesce(member_id, ''), unknown, start, coalesce(plan_id, '')) > (?, ?, ?, ?)
     ORDER BY member, unknown, start, plan LIMIT ?+0`,
  );
  const filter = memberId === undefined ? [] : [memberId];
  let after: readonly (string | number)[] = ['', -1, '', ''];
  for (;;) {
    const keys = page.all(...filter, planStart, ...filter, ...after, pageSize) as PlanKey[];
    yield* keys;
    if (keys.length < pageSize) return;
    const last = keys[keys.length - 1]!;
    after = [last.member, last.unknown, last.start, last.plan];
  }
}

/**
 * A plan's commitment streams (of the member exported, if one is): OGP id first (those without one last), then
 * title, then ledger id. The read model has no column for the OGP id, so it is read from the state (json_extract),
 * over the plan's rows only (the plan index; `+member_id` keeps the planner off the member index, which would scan
 * all of the member's commitments). All of the plan's ids are read at once, by one statement: an OGP id assigned or
 * a title amended while the export runs then moves no commitment across a page boundary, where keyset pages on
 * these keys would skip or repeat it. Memory: one plan's ids (an OGP Local plan has a handful of commitments).
 */
function commitmentStreamsInOrder(db: ReadModelDb, ogpId: string | null, planId: string | null, memberId: string | undefined): string[] {
  const streams = cachedStatement(
    db,
    `SELECT stream FROM ${ENTITY_TABLE} WHERE kind = 'commitment' AND plan_id IS ? ${memberId === undefined ? '' : 'AND +member_id = ?'}
     ORDER BY coalesce(json_extract(state, ?), '') = '', json_extract(state, ?), title, entity_id`,
  );
  const args = memberId === undefined ? [planId, ogpId, ogpId] : [planId, memberId, ogpId, ogpId];
  return streams.all(...args).map((row) => (row as { stream: string }).stream);
}

/** The state of an entity row, or null when the read model holds none (the claims' rows are not needed: plan, member). */
function plainState(db: ReadModelDb, stream: string): unknown {
  const row = cachedStatement(db, `SELECT state FROM ${ENTITY_TABLE} WHERE stream = ?`).get(stream) as { state: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.state) as unknown);
}

/**
 * Every commitment's record (optionally of one member) in the order a reader looks for them: by member, then plan
 * (first month, then id), then OGP id (none last), title and ledger id. Memory: a page of commitments, one plan's
 * commitment ids, one plan's and one member's state.
 */
export function* commitmentRecords(db: ReadModelDb, toRecord: CommitmentRecordMapper, memberId?: string, pageSize = 500): Iterable<CommitmentRecord> {
  const row = cachedStatement(db, `SELECT entity_id, state, claims_in FROM ${ENTITY_TABLE} WHERE stream = ?`);
  let member: { id: string | null; state: unknown } | null = null;
  for (const plan of plansInOrder(db, toRecord.sortPaths?.planStart ?? null, memberId, pageSize)) {
    if (member === null || member.id !== plan.member_id) {
      member = { id: plan.member_id, state: plan.member_id === null ? null : plainState(db, `member-${plan.member_id}`) };
    }
    const planState = plan.plan_id === null ? null : plainState(db, `plan-${plan.plan_id}`);
    const streams = commitmentStreamsInOrder(db, toRecord.sortPaths?.ogpId ?? null, plan.plan_id, memberId);
    for (let i = 0; i < streams.length; i += pageSize) {
      // A page in one read transaction, so that each commitment's row and its claim rows come from the same batch.
      // A commitment gone since its plan was listed (none is ever deleted, but a rebuild may be under way) is skipped.
      const records = db.transaction(() =>
        streams.slice(i, i + pageSize).flatMap((stream) => {
          const r = row.get(stream) as Row | undefined;
          return r === undefined ? [] : [toRecord(parseStoredState(db, r.entity_id, r.state, r.claims_in), planState, member!.state)];
        }),
      )();
      yield* records;
    }
  }
}

/**
 * Lines of the export: CSV with a header row (after the UTF-8 byte order mark) and CRLF, or NDJSON objects keyed by
 * OGP's field names. The API and the CLI both send these lines as they are, so both give the same bytes.
 */
export function* exportCommitments(db: ReadModelDb, toRecord: CommitmentRecordMapper, options: ExportCommitmentsOptions): Iterable<string> {
  if (options.format === 'csv') yield UTF8_BOM + csvLine(COMMITMENT_FIELDS);
  for (const record of commitmentRecords(db, toRecord, options.memberId, options.pageSize)) {
    yield options.format === 'csv' ? csvLine(COMMITMENT_FIELDS.map((f) => record[f])) : JSON.stringify(record) + '\n';
  }
}
