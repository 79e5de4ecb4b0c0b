// Specs of the commitment export over the domain's own states, stored and read back as the application does: the
// UTF-8 byte order mark of the CSV, Completion (assessed) beside Reported Progress (claimed), OGP's id kept apart from
// the ledger's, the member columns, the order of the rows, and the milestones' review counts.
import type { CommitmentEvent, MemberEvent, PlanEvent } from '@ogp/domain';
import { SqliteEventStore } from '@ogp/event-store';
import { commitmentRecord, domainStateModel } from '../entity-state/domain-state-model';
import type { ReadModelDb } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { rebuild } from '../replay/rebuild';
import { storedDomainEvent } from '../testing/stored-domain-event';
import { exportCommitments } from './export-commitments';

const evidence = [{ url: 'https://data.semarangkota.go.id/', title: 'Portal', sha256: null }];
const drafted: PlanEvent = {
  type: 'ActionPlanDrafted',
  data: { planId: 'plan-1', memberId: 'semarang', title: 'Rencana Aksi OGP Lokal Semarang', periodStart: '2026-01', periodEnd: '2028-12', effectiveAt: '2026-01-05T03:00:00Z' },
};

function added(commitmentId: string, ogpId: string | null, where = { planId: 'plan-1', memberId: 'semarang' }, title = `Keterbukaan APBD ${commitmentId}`): CommitmentEvent {
  return {
    type: 'CommitmentAdded',
    data: {
      commitmentId, ...where, ogpId, title, problem: 'Budgets hard to find',
      statusQuo: 'PDF only', action: 'Publish the budget per kelurahan', objective: 'Residents follow their budget', values: ['Access to Information'],
      leadInstitution: 'Diskominfo', supportingInstitutions: { government: [], civilSociety: [] }, policyArea: 'Open budgets',
      startMonth: '2026-02', endMonth: '2027-12', planRevision: false, reason: null, effectiveAt: '2026-01-06T03:00:00Z',
    },
  };
}

const milestone = (commitmentId: string, milestoneId: string): CommitmentEvent => ({
  type: 'MilestoneAdded',
  data: { commitmentId, milestoneId, title: `Milestone ${milestoneId}`, startDate: '2026-02-01', dueDate: '2026-11-30', effectiveAt: '2026-01-07T03:00:00Z' },
});

const claim = (commitmentId: string, milestoneId: string, completion: 'Substantial' | 'Complete'): CommitmentEvent => ({
  type: 'ProgressReported',
  data: { commitmentId, milestoneId, claimId: `${milestoneId}-p1`, version: 1, completion, narrative: 'Portal sudah jadi', evidence, claimedBy: 'admin-1', late: false, effectiveAt: '2026-11-20' },
});

const assessed = (commitmentId: string, completion: 'Substantial'): CommitmentEvent => ({
  type: 'EndOfCommitmentAssessed',
  data: { commitmentId, reviewerId: 'reviewer-1', completion, didItOpenGovernment: {
      'Access to Information': 'Marginal', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Not Applicable',
      'Technology and Innovation for Transparency and Accountability': 'Not Applicable',
    }, evidence, effectiveAt: '2026-12-01' },
});

type Row = Record<string, string | number>;

const plan = (planId: string, memberId: string, periodStart: string, periodEnd: string): PlanEvent => ({
  type: 'ActionPlanDrafted',
  data: { planId, memberId, title: `Plan ${planId}`, periodStart, periodEnd, effectiveAt: '2020-01-05T03:00:00Z' },
});

const registered = (memberId: string, name: string): MemberEvent => ({
  type: 'MemberRegistered',
  data: { memberId, name, country: 'ID', cohort: 2020, partners: [], status: 'Active', timeZone: 'Asia/Jakarta', effectiveAt: '2020-01-01T03:00:00Z' },
});

const claimAsOf = (commitmentId: string, milestoneId: string, claimId: string, asOf: string): CommitmentEvent => ({
  type: 'ProgressReported',
  data: { commitmentId, milestoneId, claimId, version: 1, completion: 'Substantial', narrative: 'Portal sudah jadi', evidence, claimedBy: 'admin-1', late: false, effectiveAt: asOf },
});

const review = (type: 'ClaimVerified' | 'ClaimDisputed' | 'EvidenceRequested', commitmentId: string, claimId: string): CommitmentEvent => {
  const base = { commitmentId, claimId, version: 1, reviewerId: 'reviewer-1', effectiveAt: '2026-12-02T03:00:00Z' };
  return type === 'EvidenceRequested' ? { type, data: { ...base, request: 'The list, please' } } : { type, data: { ...base, reason: 'Checked the portal' } };
};

async function readModelOf(streams: Record<string, readonly (MemberEvent | PlanEvent | CommitmentEvent)[]>): Promise<ReadModelDb> {
  const store = new SqliteEventStore({ file: ':memory:' });
  for (const [stream, events] of Object.entries(streams)) {
    await store.append(stream, events.map((e) => storedDomainEvent(e, '2026-12-04T11:40:00.000Z')), { expectedRevision: 'no_stream' });
  }
  const db = openReadModelDb({ file: ':memory:' });
  await rebuild({ store, db, projections: createProjections(domainStateModel) });
  await store.close();
  return db;
}

describe('commitment export of domain states', () => {
  let db: ReadModelDb;

  beforeAll(async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const append = (stream: string, events: readonly (PlanEvent | CommitmentEvent)[]) => store.append(stream, events.map((e) => storedDomainEvent(e, '2026-12-04T11:40:00.000Z')), { expectedRevision: 'no_stream' });
    await append('plan-plan-1', [drafted]);
    // Every milestone claimed Complete, not yet assessed: progress is Complete.
    await append('commitment-c-done', [added('c-done', 'IDSMG0006'), milestone('c-done', 'm-1'), milestone('c-done', 'm-2'), claim('c-done', 'm-1', 'Complete'), claim('c-done', 'm-2', 'Complete')]);
    // Claimed Complete, but the reviewer assessed Substantial: the assessment is OGP's verdict.
    await append('commitment-c-judged', [added('c-judged', 'IDSMG0007'), milestone('c-judged', 'm-3'), claim('c-judged', 'm-3', 'Complete'), assessed('c-judged', 'Substantial')]);
    // No OGP id assigned yet.
    await append('commitment-c-new', [added('c-new', null), milestone('c-new', 'm-4'), claim('c-new', 'm-4', 'Substantial')]);
    db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(domainStateModel) });
    await store.close();
  });
  afterAll(() => db.close());

  const ndjsonRows = (): Row[] => [...exportCommitments(db, commitmentRecord, { format: 'ndjson' })].map((line) => JSON.parse(line) as Row);

  it('begins the CSV with a UTF-8 byte order mark, so that Excel reads "2026–2028" as UTF-8; NDJSON has none', () => {
    const csv = Buffer.from([...exportCommitments(db, commitmentRecord, { format: 'csv' })].join(''), 'utf8');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toMatch(/^Commitment ID,Title,/);
    expect(csv.toString('utf8')).toContain('Rencana Aksi OGP Lokal Semarang (2026-01 – 2028-12)');
    const ndjson = [...exportCommitments(db, commitmentRecord, { format: 'ndjson' })].join('');
    expect(ndjson.startsWith('{')).toBe(true);
  });

  it('gives the claims’ roll-up as Reported Progress, and leaves Completion (OGP’s verdict) empty until assessed', () => {
    expect(ndjsonRows().find((r) => r['Commitment ID'] === 'IDSMG0006')).toMatchObject({ Completion: '', 'Reported Progress': 'Complete' });
  });

  it('gives the end-of-commitment assessment as Completion once there is one, whatever the claims say', () => {
    expect(ndjsonRows().find((r) => r['Commitment ID'] === 'IDSMG0007')).toMatchObject({ Completion: 'Substantial', 'Reported Progress': 'Complete' });
  });

  it('leaves Commitment ID (OGP’s id) empty when OGP has assigned none, and always gives the ledger’s id in Ledger ID', () => {
    const rows = ndjsonRows();
    expect(rows.map((r) => [r['Commitment ID'], r['Ledger ID']])).toEqual([
      ['IDSMG0006', 'c-done'],
      ['IDSMG0007', 'c-judged'],
      ['', 'c-new'],
    ]);
    const csv = [...exportCommitments(db, commitmentRecord, { format: 'csv' })];
    expect(csv[0]).toMatch(/,Completion,Reported Progress,Action Plan Status,Ledger ID,Member,/);
    expect(csv[3]).toMatch(/^,Keterbukaan APBD c-new,.*,,Substantial,Draft,c-new,semarang,semarang,1,0,0,1\r\n$/);
  });
});

describe('commitment export: member columns, order and review counts', () => {
  let db: ReadModelDb;
  const where = (planId: string, memberId: string) => ({ planId, memberId });

  beforeAll(async () => {
    // Stream (ledger id) order interleaves members and plans, and runs against the plans' periods and the OGP ids.
    db = await readModelOf({
      'member-semarang': [registered('semarang', 'Kota Semarang')],
      'plan-a-2026': [plan('a-2026', 'semarang', '2026-01', '2027-12')],
      'plan-b-2021': [plan('b-2021', 'semarang', '2021-08', '2023-06')],
      'plan-x-2024': [plan('x-2024', 'exampletown', '2024-01', '2025-12')],
      'commitment-c1': [added('c1', 'IDSMG0002', where('b-2021', 'semarang'))],
      'commitment-c2': [added('c2', null, where('b-2021', 'semarang'), 'Zebra crossings')],
      'commitment-c3': [added('c3', 'IDSMG0001', where('b-2021', 'semarang'))],
      'commitment-c4': [added('c4', 'IDSMG0003', where('a-2026', 'semarang'))],
      'commitment-c5': [added('c5', 'IDEXT0001', where('x-2024', 'exampletown'))],
      'commitment-c6': [added('c6', null, where('b-2021', 'semarang'), 'Anggaran terbuka')],
      'commitment-c7': [
        added('c7', null, where('b-2021', 'semarang'), 'Anggaran terbuka'),
        ...['m-v', 'm-d', 'm-s', 'm-e', 'm-none', 'm-gone'].map((m) => milestone('c7', m)),
        claimAsOf('c7', 'm-v', 'k-v', '2026-06-01'),
        review('ClaimVerified', 'c7', 'k-v'),
        // Verified once, then a later claim disputed: the dispute is what the city last heard, and counts.
        claimAsOf('c7', 'm-d', 'k-d1', '2026-06-01'),
        review('ClaimVerified', 'c7', 'k-d1'),
        claimAsOf('c7', 'm-d', 'k-d2', '2026-09-01'),
        review('ClaimDisputed', 'c7', 'k-d2'),
        claimAsOf('c7', 'm-s', 'k-s', '2026-06-01'),
        claimAsOf('c7', 'm-e', 'k-e', '2026-06-01'),
        review('EvidenceRequested', 'c7', 'k-e'),
        // A withdrawn milestone's verified claim counts nowhere, as in the progress roll-up.
        claimAsOf('c7', 'm-gone', 'k-gone', '2026-06-01'),
        review('ClaimVerified', 'c7', 'k-gone'),
        { type: 'MilestoneWithdrawn', data: { commitmentId: 'c7', milestoneId: 'm-gone', reason: 'Merged into m-v', effectiveAt: '2026-11-01T03:00:00Z' } },
      ],
    });
  });
  afterAll(() => db.close());

  const rows = (memberId?: string, pageSize?: number): Row[] =>
    [...exportCommitments(db, commitmentRecord, { format: 'ndjson', memberId, pageSize })].map((line) => JSON.parse(line) as Row);

  it('orders rows by member, then plan by its first month, then OGP id (none last), title and ledger id, on every page size', () => {
    const expected = ['c5', 'c3', 'c1', 'c6', 'c7', 'c2', 'c4'];
    for (const pageSize of [1, 2, 500]) expect(rows(undefined, pageSize).map((r) => r['Ledger ID'])).toEqual(expected);
    expect(rows('semarang', 1).map((r) => r['Ledger ID'])).toEqual(expected.slice(1));
  });

  it('names the member (its id when the read model has no member row) and gives its id apart', () => {
    expect(rows().map((r) => [r['Member'], r['Member ID']])).toEqual([['exampletown', 'exampletown'], ...Array(6).fill(['Kota Semarang', 'semarang'])]);
  });

  it('counts the active milestones by their latest claim’s review status, as numbers', () => {
    const c7 = rows().find((r) => r['Ledger ID'] === 'c7');
    expect(c7).toMatchObject({ 'Active Milestones': 5, 'Milestones Verified': 1, 'Milestones Disputed': 1, 'Milestones Awaiting Review': 2 });
    expect(rows().find((r) => r['Ledger ID'] === 'c1')).toMatchObject({ 'Active Milestones': 0, 'Milestones Verified': 0, 'Milestones Disputed': 0, 'Milestones Awaiting Review': 0 });
  });

  it('gives the new columns after Ledger ID, in the CSV header and in every line', () => {
    const csv = [...exportCommitments(db, commitmentRecord, { format: 'csv', memberId: 'semarang' })];
    expect(csv[0]).toMatch(/,Ledger ID,Member,Member ID,Active Milestones,Milestones Verified,Milestones Disputed,Milestones Awaiting Review\r\n$/);
    expect(csv.find((line) => line.includes(',c7,'))).toMatch(/,c7,Kota Semarang,semarang,5,1,1,2\r\n$/);
  });
});
