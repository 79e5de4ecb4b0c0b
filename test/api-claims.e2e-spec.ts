// The review queue over the Semarang demo: each listed claim named by its milestone and commitment, with when its
// version was recorded and the verification deadline the compliance answer judges it by; and the recordedAt order.
import type { Server } from 'node:http';
import { runScript, SEMARANG_DEMO, type Commitment, type ProgressReported } from '@ogp/domain';
import { KEY_STORE, type KeyStore } from '@ogp/tracker';
import request from 'supertest';
import { startSeededApi, type SeededApi } from './seeded-api.fixtures';

const script = SEMARANG_DEMO.map((step) => ({ ...step, at: new Date(step.at).toISOString() }));
const expected = runScript(script);
/** The app's clock: after the demo, so that a claim reported in a spec is the most recently recorded one. */
const NOW = '2024-04-01T00:00:00.000Z';

interface Listed {
  commitmentId: string;
  claimId: string;
  version: number;
  milestoneId: string;
  completion: string;
  status: string;
  effectiveAt: string;
  milestone: { title: string | null; dueDate: string | null };
  commitment: { ogpId: string | null; title: string | null };
  recordedAt: string | null;
  reviewDueBy: string | null;
}

const commitments = Object.values(expected.states.commitments).filter((c): c is Commitment => c !== null);

/** When the demo recorded this version of the claim: its ProgressReported event. */
function reportedAt(commitmentId: string, claimId: string, version: number): string {
  const reported = expected.history.find(
    (e): e is typeof e & ProgressReported => e.type === 'ProgressReported' && e.data.commitmentId === commitmentId && e.data.claimId === claimId && e.data.version === version,
  );
  return reported!.recordedAt;
}

describe('the claims list as a review queue (e2e, Semarang)', () => {
  let seeded: SeededApi;
  let http: Server;
  let auditor: string;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const get = (query: string) => request(http).get(`/audit/claims${query}`).set(as(auditor));
  const key = (c: { commitmentId: string; claimId: string }) => `${c.commitmentId}/${c.claimId}`;

  /** Follows `next` to the end, checking that each page holds at most `limit` claims. */
  async function pageThrough(query: string, limit: number): Promise<Listed[]> {
    const seen: Listed[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res: request.Response = await get(`?${query}&limit=${limit}${after === null ? '' : `&after=${after}`}`);
      expect(res.status).toBe(200);
      const claims = res.body.data.claims as Listed[];
      expect(claims.length).toBeLessThanOrEqual(limit);
      seen.push(...claims);
      after = res.body.data.next;
      if (after === null) return seen;
      expect(claims).toHaveLength(limit);
    }
    throw new Error('the pages do not end');
  }

  beforeAll(async () => {
    seeded = await startSeededApi(script, NOW);
    ({ http, auditor } = seeded);
  });

  afterAll(() => seeded.close());

  it('names each claim’s milestone and commitment, and gives when its current version was recorded', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    const listed = res.body.data.claims as Listed[];
    expect(listed.length).toBe(commitments.flatMap((c) => c.claims).length);
    for (const c of listed) {
      const commitment = commitments.find((x) => x.commitmentId === c.commitmentId)!;
      const milestone = commitment.milestones.find((m) => m.milestoneId === c.milestoneId)!;
      expect({ claim: key(c), milestone: c.milestone, commitment: c.commitment, recordedAt: c.recordedAt }).toEqual({
        claim: key(c),
        milestone: { title: milestone.title, dueDate: milestone.dueDate },
        commitment: { ogpId: commitment.terms.ogpId, title: commitment.terms.title },
        recordedAt: reportedAt(c.commitmentId, c.claimId, c.version),
      });
    }
    // An amended claim gives the recording of its current version, not of its first.
    const amended = listed.find((c) => c.version > 1)!;
    expect(amended.recordedAt).not.toBe(reportedAt(amended.commitmentId, amended.claimId, 1));
  });

  it('gives a review deadline for the open Complete versions only: the compliance answer’s “due by” for that version', async () => {
    const listed = (await get('')).body.data.claims as Listed[];
    const open = listed.filter((c) => c.reviewDueBy !== null);
    expect(open.map(key)).toEqual(listed.filter((c) => c.completion === 'Complete' && ['Submitted', 'Evidence Requested'].includes(c.status)).map(key));
    expect(open).toHaveLength(1);
    // Verified Complete claims and open claims of lesser completion owe no review deadline.
    expect(listed.some((c) => c.completion === 'Complete' && c.status === 'Verified' && c.reviewDueBy === null)).toBe(true);
    expect(listed.some((c) => c.completion !== 'Complete' && c.status === 'Submitted' && c.reviewDueBy === null)).toBe(true);

    const claim = open[0]!;
    const compliance = await request(http).get('/audit/members/semarang/compliance').set(as(auditor));
    expect(compliance.status).toBe(200);
    const verification = (compliance.body.data.results as { obligation: string; detail: string }[]).find((r) => r.obligation === 'verification')!;
    const item = new RegExp(`claim ${claim.claimId} v${claim.version} on [^;]*: not reviewed; due by (\\d{4}-\\d{2}-\\d{2})`).exec(verification.detail);
    expect(item).not.toBeNull();
    expect(claim.reviewDueBy).toBe(item![1]);
    // The day it was recorded is Semarang's (Asia/Jakarta, UTC+7) and the window 60 days: 2024-01-20 + 60.
    expect([claim.recordedAt, claim.reviewDueBy]).toEqual(['2024-01-20T03:00:00.000Z', '2024-03-20']);
  });

  it('with sort=recordedAt, pages through every Submitted claim oldest recorded first, with no repeat or gap', async () => {
    // A claim reported today about an early date: first of the queue by effective date, last by recording.
    const admin = (await seeded.app.get<KeyStore>(KEY_STORE).create({ role: 'admin', name: 'Semarang secretariat', member: 'semarang' })).key;
    const queue = (await get('?status=Submitted')).body.data.claims as Listed[];
    const earliest = queue[0]!;
    const reported = await request(http)
      .post(`/admin/commitments/${earliest.commitmentId}/claims`)
      .set(as(admin))
      .send({ milestoneId: earliest.milestoneId, completion: 'Limited', asOf: '2022-01-03', narrative: 'Early progress, entered late' });
    expect(reported.status).toBe(201);
    const claimId = reported.body.ids.claimId as string;

    const byEffectiveDate = (await get(`?status=Submitted&waitFor=${reported.body.position}`)).body.data.claims as Listed[];
    expect(byEffectiveDate[0]!.claimId).toBe(claimId);
    const oldestFirst = [...byEffectiveDate].sort((a, b) => (a.recordedAt! < b.recordedAt! ? -1 : a.recordedAt! > b.recordedAt! ? 1 : key(a) < key(b) ? -1 : 1));
    expect(oldestFirst.at(-1)).toMatchObject({ claimId, recordedAt: NOW });
    expect(oldestFirst.map(key)).not.toEqual(byEffectiveDate.map(key));

    for (const limit of [1, 2, 3, byEffectiveDate.length, 100]) {
      const paged = await pageThrough('status=Submitted&sort=recordedAt', limit);
      expect({ limit, claims: paged.map(key) }).toEqual({ limit, claims: oldestFirst.map(key) });
    }
    // Every claim, not only the queue, pages the same way.
    const everything = await pageThrough('sort=recordedAt', 4);
    expect(new Set(everything.map(key)).size).toBe(everything.length);
    expect(everything.length).toBe((await get('')).body.data.claims.length);
    expect(everything.map((c) => c.recordedAt)).toEqual(everything.map((c) => c.recordedAt).sort());
  });

  it('refuses a cursor of one order for the other, and an unknown sort', async () => {
    const recorded = (await get('?sort=recordedAt&limit=1')).body.data.next as string;
    const effective = (await get('?limit=1')).body.data.next as string;
    for (const query of [`after=${recorded}`, `sort=effectiveAt&after=${recorded}`, `sort=recordedAt&after=${effective}`, 'sort=recorded', 'sort=']) {
      const res = await get(`?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await get(`?sort=recordedAt&after=${recorded}`)).status).toBe(200);
  });
});
