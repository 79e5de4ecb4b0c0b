// Specs of the exports: events as NDJSON that recompute their hashes, commitments as guarded CSV, member filter.
import { SqliteEventStore } from '@ogp/event-store';
import { type ExportRecord, LedgerVerifier, parseExport } from '@ogp/ledger';
import { memberStreams } from '../entity-state/entity-state.queries';
import type { CommitmentRecordMapper } from '../entity-state/state-model';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { rebuild } from '../replay/rebuild';
import { type ToyState, toyStateModel } from '../testing/toy-state-model';
import { toyEvent } from '../testing/workload';
import { exportCommitments } from './export-commitments';
import { exportEventsNdjson } from './export-events';

const at = '2022-03-01T00:00:00.000Z';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function* asAsync(lines: readonly string[]): AsyncIterable<string> {
  yield* lines;
}

const toRecord: CommitmentRecordMapper = (commitment) => {
  const s = commitment as ToyState;
  return {
    'Commitment ID': s.planId === null ? '' : `${s.memberId}-${s.title ?? ''}`,
    Title: s.title ?? '',
    'Action Plan': s.planId ?? '',
    'Commitment Start': '2021-08',
    'Commitment End': '2023-06',
    'Institutions involved': 'Diskominfo, PATTIRO Semarang',
    'Primary Policy Area': 'Open Data',
    'OGP Value': 'Access to Information',
    Problem: 'Line one\nline "two"',
    'Status quo': '=cmd|calc',
    Action: '@risk',
    Objective: '+1 for every resident',
    Completion: s.status ?? '',
    'Reported Progress': '',
    'Action Plan Status': '',
    'Ledger ID': `${s.memberId}-${s.planId ?? ''}`,
    Member: s.memberId ?? '',
    'Member ID': s.memberId ?? '',
    'Active Milestones': s.milestones.length,
    'Milestones Verified': 0,
    'Milestones Disputed': 0,
    'Milestones Awaiting Review': s.claims.length,
  };
};

describe('exports', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.append('commitment-SMG1', [toyEvent('CommitmentAdded', { memberId: 'SMG', planId: 'P1', title: 'Open budget', status: 'Ongoing', effectiveAt: '2021-08-01' }, at)], { expectedRevision: 'no_stream' });
    await store.append('commitment-TBL1', [toyEvent('CommitmentAdded', { memberId: 'TBL', planId: 'P9', title: 'Tbilisi data', status: 'Complete', effectiveAt: '2021-08-01' }, at)], { expectedRevision: 'no_stream' });
    await store.append('ledger-checkpoints', [toyEvent('CheckpointSigned', { treeSize: '2' }, at)], { expectedRevision: 'any' });
  });

  it('exports events in the ledger format, which the offline verifier accepts', async () => {
    const lines = await collect(exportEventsNdjson(store, { origin: 'test/log' }));
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    const records: ExportRecord[] = [];
    for await (const r of parseExport(asAsync(lines))) records.push(r);
    expect(records[0]).toMatchObject({ kind: 'header', origin: 'test/log' });
    const verifier = new LedgerVerifier();
    for (const r of records) if (r.kind === 'event') verifier.addEvent(r);
    expect(verifier.finish().ok).toBe(true);
    expect(records[1]).toMatchObject({ kind: 'event', stream: 'commitment-SMG1', revision: 0, position: '1/1' });
  });

  it('detects a tampered line', async () => {
    const lines = await collect(exportEventsNdjson(store, { origin: 'test/log' }));
    lines[1] = lines[1]!.replace('Open budget', 'Closed budget');
    const verifier = new LedgerVerifier();
    for await (const r of parseExport(asAsync(lines))) if (r.kind === 'event') verifier.addEvent(r);
    expect(verifier.finish().failure).toMatchObject({ kind: 'hash-mismatch', event: { index: 0 } });
  });

  it('restricts events to one member', async () => {
    const db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(toyStateModel) });
    const lines = await collect(exportEventsNdjson(store, { origin: 'o', streams: new Set(memberStreams(db, 'TBL')) }));
    expect(lines.slice(1).map((l) => (JSON.parse(l) as { stream: string }).stream)).toEqual(['commitment-TBL1']);
    db.close();
  });

  it('exports commitments as RFC 4180 CSV with OGP field names, formula-guarded, per member', async () => {
    const db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(toyStateModel) });
    const csv = [...exportCommitments(db, toRecord, { format: 'csv', pageSize: 1 })];
    expect(csv[0]).toBe(
      '\uFEFFCommitment ID,Title,Action Plan,Commitment Start,Commitment End,Institutions involved,Primary Policy Area,' +
        'OGP Value,Problem,Status quo,Action,Objective,Completion,Reported Progress,Action Plan Status,Ledger ID,' +
        'Member,Member ID,Active Milestones,Milestones Verified,Milestones Disputed,Milestones Awaiting Review\r\n',
    );
    expect(csv).toHaveLength(3);
    expect(csv[1]).toBe(
      'SMG-Open budget,Open budget,P1,2021-08,2023-06,"Diskominfo, PATTIRO Semarang",Open Data,Access to Information,' +
        `"Line one\nline ""two""",'=cmd|calc,'@risk,'+1 for every resident,Ongoing,,,SMG-P1,SMG,SMG,0,0,0,0\r\n`,
    );
    const tbl = [...exportCommitments(db, toRecord, { format: 'ndjson', memberId: 'TBL' })];
    expect(tbl.map((l) => (JSON.parse(l) as Record<string, string>)['Title'])).toEqual(['Tbilisi data']);
    db.close();
  });
});
