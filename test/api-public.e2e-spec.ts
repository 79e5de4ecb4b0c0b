// The public read (/public/plans) over the Semarang scenario, plus a disputed claim, an abandoned draft and a draft:
// what a journalist without a key learns of a city's commitments, and what stays hidden.
import type { Server } from 'node:http';
import { runScript, SEMARANG_COMMITMENTS, SEMARANG_DEMO, type Commitment, type DemoStep } from '@ogp/domain';
import request from 'supertest';
import { startSeededApi, type SeededApi } from './seeded-api.fixtures';

const ADMIN = { id: 'smg-admin-1', role: 'admin' } as const;
const OSU = { id: 'ogp-osu-1', role: 'reviewer' } as const;
/** Every key id the scenario's events name (the demo's actors): none of them is the public's business. */
const KEY_IDS = ['smg-admin-1', 'ogp-osu-1', 'smg-lmb-1'];

const step = (at: string, actor: DemoStep['actor'], command: DemoStep['command']): DemoStep => ({ at, actor, command, illustrative: true });
const draftCommitment = (planId: string, title: string) => ({ ...SEMARANG_COMMITMENTS[0]!.terms, commitmentId: `${planId}-c1`, ogpId: null, title, planId, startMonth: '2024-03', endMonth: '2025-12' });

/** After the demo: OGP disputes the city's last claim on IDSMG0002's third milestone; a draft is abandoned, another stays a draft. */
const extra: DemoStep[] = [
  step('2024-02-10T03:00:00Z', OSU, { type: 'DisputeClaim', data: { commitmentId: 'semarang-2021-c2', claimId: 'semarang-2021-c2-m3-p1', version: 1, reason: 'No funding decisions are published.' } }),
  step('2024-02-12T03:00:00Z', ADMIN, { type: 'DraftActionPlan', data: { planId: 'semarang-2024', memberId: 'semarang', title: 'Drafted by mistake', periodStart: '2024-03', periodEnd: '2025-12' } }),
  step('2024-02-12T04:00:00Z', ADMIN, { type: 'AddCommitment', data: draftCommitment('semarang-2024', 'Abandoned commitment') }),
  step('2024-02-13T03:00:00Z', ADMIN, { type: 'AbandonActionPlan', data: { planId: 'semarang-2024', reason: 'Drafted twice by mistake' } }),
  step('2024-02-14T03:00:00Z', ADMIN, { type: 'DraftActionPlan', data: { planId: 'semarang-2024b', memberId: 'semarang', title: 'Semarang 2024-2025 (draft)', periodStart: '2024-03', periodEnd: '2025-12' } }),
  step('2024-02-14T04:00:00Z', ADMIN, { type: 'AddCommitment', data: draftCommitment('semarang-2024b', 'Draft-only commitment') }),
  // A member that has published nothing yet.
  step('2024-02-15T03:00:00Z', ADMIN, { type: 'RegisterMember', data: { memberId: 'salatiga', name: 'Kota Salatiga', country: 'ID', cohort: 2024, partners: [] } }),
];
const script = [...SEMARANG_DEMO.map((s) => ({ ...s, at: new Date(s.at).toISOString() })), ...extra];
const expected = runScript(script);
const published = Object.values(expected.states.commitments).filter((c): c is Commitment => c !== null && c.planId === 'semarang-2021');

interface PublicMilestone {
  milestoneId: string;
  title: string;
  startDate: string;
  dueDate: string;
  status: string;
}
interface PublicCommitment {
  commitmentId: string;
  ogpId: string | null;
  title: string;
  milestones: PublicMilestone[];
  design: Record<string, unknown> | null;
  endOfCommitment: Record<string, unknown> | null;
  [field: string]: unknown;
}
interface ProgressMilestone {
  milestoneId: string;
  completion: string;
  claimId: string | null;
  verified: boolean;
  latestClaim: { claimId: string; completion: string; asOf: string; reviewStatus: string; late: boolean } | null;
}
interface PublishedPlan {
  plan: { entityId: string; status: string };
  commitments: PublicCommitment[];
  progress: { commitments: { commitmentId: string; ogpId: string | null; title: string; milestones: ProgressMilestone[] }[] };
}

describe('public API (e2e, Semarang)', () => {
  let seeded: SeededApi;
  let http: Server;
  let auditor: string;
  let plans: PublishedPlan[];
  let text: string;
  const auth = () => ({ Authorization: `Bearer ${auditor}` });

  beforeAll(async () => {
    seeded = await startSeededApi(script);
    ({ http, auditor } = seeded);
    // The public route takes no waitFor: the fixture's first (audit) read has waited for the seeded head.
    const res = await request(http).get('/public/plans');
    expect(res.status).toBe(200);
    text = res.text;
    plans = res.body.data as PublishedPlan[];
  });

  afterAll(() => seeded.close());

  it('lists each published plan’s commitments by OGP id, with their terms, milestone titles and dates', () => {
    expect(plans.map((p) => p.plan.entityId)).toEqual(['semarang-2021']);
    const [plan] = plans;
    expect(plan!.commitments.map((c) => c.ogpId)).toEqual(['IDSMG0001', 'IDSMG0002', 'IDSMG0003', 'IDSMG0004', 'IDSMG0005']);
    for (const c of plan!.commitments) {
      const state = published.find((s) => s.commitmentId === c.commitmentId)!;
      const t = state.terms;
      expect(c).toEqual({
        commitmentId: state.commitmentId, ogpId: t.ogpId, title: t.title, status: state.status, planRevision: state.planRevision,
        startMonth: t.startMonth, endMonth: t.endMonth, leadInstitution: t.leadInstitution, supportingInstitutions: t.supportingInstitutions,
        policyArea: t.policyArea, values: t.values, problem: t.problem, statusQuo: t.statusQuo, action: t.action, objective: t.objective,
        milestones: state.milestones.map(({ milestoneId, title, startDate, dueDate, status }) => ({ milestoneId, title, startDate, dueDate, status })),
        design: expect.any(Object),
        endOfCommitment: state.endOfCommitment === null ? null : expect.any(Object),
      });
    }
    // The revised action of IDSMG0001, and a rescheduled milestone of IDSMG0005, as they stand now.
    expect(plan!.commitments[0]!.action).toContain('train agency data stewards');
    expect(plan!.commitments[4]!.milestones[0]).toMatchObject({ milestoneId: 'semarang-2021-c5-m1', startDate: '2021-08-01', dueDate: '2022-05-31' });
  });

  it('gives OGP’s design and end-of-commitment assessments without the key id of the reviewer who recorded them', () => {
    const c2 = plans[0]!.commitments.find((c) => c.ogpId === 'IDSMG0002')!;
    const state = published.find((s) => s.commitmentId === 'semarang-2021-c2')!;
    const { reviewerId: _designer, ...design } = state.design!;
    const { reviewerId: _assessor, ...end } = state.endOfCommitment!;
    expect(c2.design).toEqual(design);
    expect(c2.endOfCommitment).toEqual(end);
    expect(c2.endOfCommitment).toMatchObject({ completion: 'Substantial', didItOpenGovernment: { 'Civic Participation': 'Marginal' } });
    // No actor's or reviewer's key id anywhere in the public answer, nor a claim's narrative.
    for (const id of KEY_IDS) expect(text).not.toContain(id);
    expect(text).not.toContain('Funding of proposals published for 2023 only');
  });

  it('hides drafts and abandoned plans, with their commitments', async () => {
    for (const hidden of ['semarang-2024', 'semarang-2024b', 'Abandoned commitment', 'Draft-only commitment', 'Drafted by mistake']) expect(text).not.toContain(hidden);
    // They exist: the audit API shows them.
    expect((await request(http).get('/audit/plans/semarang-2024').set(auth())).body.data.status).toBe('Abandoned');
    expect((await request(http).get('/audit/plans/semarang-2024b').set(auth())).body.data.status).toBe('Draft');
    // And ?member= filters the same way.
    expect((await request(http).get('/public/plans?member=semarang')).text).toBe(text);
  });

  it('names commitments and milestones in the progress roll-up', () => {
    const progress = plans[0]!.progress.commitments;
    expect(progress.map((c) => [c.ogpId, c.title])).toEqual(
      SEMARANG_COMMITMENTS.map((c) => [c.terms.ogpId, c.terms.title]),
    );
    // in the order of the plan's commitments beside it, so that a page shows them side by side
    expect(progress.map((c) => c.commitmentId)).toEqual(plans[0]!.commitments.map((c) => c.commitmentId));
    const m = progress[0]!.milestones[0]!;
    const state = published.find((s) => s.commitmentId === 'semarang-2021-c1')!.milestones[0]!;
    expect(m).toMatchObject({ milestoneId: state.milestoneId, title: state.title, dueDate: state.dueDate });
  });

  describe('when OGP disputed a milestone’s only claim', () => {
    const disputedMilestone = (commitments: { commitmentId: string; milestones: ProgressMilestone[] }[]) =>
      commitments.find((c) => c.commitmentId === 'semarang-2021-c2')!.milestones.find((m) => m.milestoneId === 'semarang-2021-c2-m3')!;
    const disputed = {
      completion: 'No Evidence Available',
      claimId: null,
      verified: false,
      latestClaim: { claimId: 'semarang-2021-c2-m3-p1', completion: 'Limited', asOf: '2023-12-15', reviewStatus: 'Disputed', late: false },
    };

    it('shows the disputed claim beside No Evidence Available on /public/plans', () => {
      expect(disputedMilestone(plans[0]!.progress.commitments)).toMatchObject(disputed);
    });

    it('shows it on /audit/plans/:id/progress and /audit/commitments/:id/progress, and the public progress is the audit one', async () => {
      const plan = await request(http).get('/audit/plans/semarang-2021/progress').set(auth());
      expect(disputedMilestone(plan.body.data.progress.commitments)).toMatchObject(disputed);
      expect(plan.body.data.progress).toEqual(plans[0]!.progress);
      const commitment = await request(http).get('/audit/commitments/semarang-2021-c2/progress').set(auth());
      expect(disputedMilestone([commitment.body.data])).toMatchObject(disputed);
      expect(commitment.body.data).toMatchObject({ ogpId: 'IDSMG0002', title: SEMARANG_COMMITMENTS[1]!.terms.title });
    });

    it('shows a verified latest claim as Verified, the same claim the completion comes from', () => {
      const c1m1 = plans[0]!.progress.commitments[0]!.milestones[0]!;
      expect(c1m1).toMatchObject({ completion: 'Complete', claimId: 'semarang-2021-c1-m1-p1', verified: true, latestClaim: { claimId: 'semarang-2021-c1-m1-p1', reviewStatus: 'Verified' } });
    });
  });

  it('answers 404 for a member that is not registered, an empty list for one with nothing published, and says what a member id is', async () => {
    const typo = await request(http).get('/public/plans?member=kota-semarang');
    expect([typo.status, typo.body.code]).toEqual([404, 'read.entity-not-found']);
    const nothingYet = await request(http).get('/public/plans?member=salatiga');
    expect([nothingYet.status, nothingYet.body.data]).toEqual([200, []]);
    const shouting = await request(http).get('/public/plans?member=SEMARANG');
    expect(shouting.body.errors.member).toEqual(['member must be a member id: lowercase letters, digits and dashes, such as semarang']);
  });

  describe('read from a web page (CORS)', () => {
    const origin = { Origin: 'https://pattiro.org' };

    it('lets any page read the key-less routes, their problems included, and the ETag and correlation id', async () => {
      for (const path of ['/public/plans', '/ledger/checkpoints/latest', '/ledger/public-key', '/public/plans?member=SEMARANG']) {
        const res = await request(http).get(path).set(origin);
        expect([path, res.headers['access-control-allow-origin'], res.headers['access-control-expose-headers']]).toEqual([path, '*', 'ETag, X-Correlation-Id']);
      }
    });

    it('answers a browser\'s preflight for a public route (204), not with 405', async () => {
      const res = await request(http).options('/public/plans').set({ ...origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-correlation-id' });
      expect(res.status).toBe(204);
      expect(res.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': 'X-Correlation-Id' });
      expect((await request(http).options('/ledger/proofs/inclusion').set(origin)).status).toBe(204);
      // Answered before any body is read: a body sent with it is not parsed (nor refused) by a route open to anyone.
      const withBody = await request(http).options('/public/plans').set({ ...origin, 'Content-Type': 'application/json' }).send('{"not json');
      expect(withBody.status).toBe(204);
    });

    it('sends no CORS headers on routes that need a key, and no preflight answer for them', async () => {
      const read = await request(http).get('/audit/members/semarang').set({ ...origin, ...auth() });
      expect(read.status).toBe(200);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(http).options('/audit/members/semarang').set({ ...origin, 'Access-Control-Request-Method': 'GET' });
      expect([preflight.status, preflight.headers['access-control-allow-origin']]).toEqual([405, undefined]);
      expect((await request(http).options('/ledger/bundles/00000000-0000-4000-8000-000000000000').set(origin)).status).toBe(405);
    });
  });
});
