// Specs of the commitment export over the domain's own states, stored and read back as the application does: the
// UTF-8 byte order mark of the CSV, Completion (assessed) beside Reported Progress (claimed), and OGP's id kept apart from the ledger's.
import type { CommitmentEvent, PlanEvent } from '@ogp/domain';
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

function added(commitmentId: string, ogpId: string | null): CommitmentEvent {
  return {
    type: 'CommitmentAdded',
    data: {
      commitmentId, planId: 'plan-1', memberId: 'semarang', ogpId, title: `Keterbukaan APBD ${commitmentId}`, problem: 'Budgets hard to find',
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

type Row = Record<string, string>;

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
    expect(csv[0]).toMatch(/,Completion,Reported Progress,Action Plan Status,Ledger ID\r\n$/);
    expect(csv[3]).toMatch(/^,Keterbukaan APBD c-new,.*,,Substantial,Draft,c-new\r\n$/);
  });
});
