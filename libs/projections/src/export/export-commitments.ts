// Commitment export with OGP's field names, as CSV (RFC 4180, formula-guarded) or NDJSON, read page by page from the
// entity-state read model so that memory stays bounded whatever the number of commitments.
import { ENTITY_TABLE } from '../entity-state/entity-state.tables';
import { parseStoredState } from '../entity-state/stored-state';
import { COMMITMENT_FIELDS, type CommitmentRecord, type CommitmentRecordMapper } from '../entity-state/state-model';
import type { ReadModelDb } from '../projection';
import { csvLine, UTF8_BOM } from './csv';

export type CommitmentExportFormat = 'csv' | 'ndjson';

export interface ExportCommitmentsOptions {
  readonly format: CommitmentExportFormat;
  readonly memberId?: string;
  /** Rows read per query (keyset paging). */
  readonly pageSize?: number;
}

interface Row {
  stream: string;
  entity_id: string;
  plan_id: string | null;
  state: string;
  claims_in: string | null;
}

/** Every commitment's record (optionally of one member), in commitment id order. */
export function* commitmentRecords(db: ReadModelDb, toRecord: CommitmentRecordMapper, memberId?: string, pageSize = 500): Iterable<CommitmentRecord> {
  const page = db.prepare(
    `SELECT stream, entity_id, plan_id, state, claims_in FROM ${ENTITY_TABLE} WHERE kind = 'commitment' AND stream > ?
     ${memberId === undefined ? '' : 'AND member_id = ?'} ORDER BY stream LIMIT ?+0`,
  );
  const planState = db.prepare(`SELECT state FROM ${ENTITY_TABLE} WHERE stream = ?`).pluck();
  const plans = new Map<string, unknown>();
  let after = '';
  for (;;) {
    const args: (string | number)[] = memberId === undefined ? [after, pageSize] : [after, memberId, pageSize];
    // A page in one read transaction, so that each commitment's row and its claim rows come from the same batch.
    const { rows, records } = db.transaction(() => {
      const rows = page.all(...args) as Row[];
      const records = rows.map((row) => {
        let plan: unknown = null;
        if (row.plan_id !== null) {
          if (!plans.has(row.plan_id)) {
            if (plans.size > 1000) plans.clear();
            const text = planState.get(`plan-${row.plan_id}`) as string | undefined;
            plans.set(row.plan_id, text === undefined ? null : (JSON.parse(text) as unknown));
          }
          plan = plans.get(row.plan_id);
        }
        return toRecord(parseStoredState(db, row.entity_id, row.state, row.claims_in), plan);
      });
      return { rows, records };
    })();
    yield* records;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.stream;
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
