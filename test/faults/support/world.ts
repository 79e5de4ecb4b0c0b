// A DATA_DIR with API keys of every role, and a Semarang plan in implementation seeded through the HTTP API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore, SystemClock, type Role } from '@ogp/tracker';
import { SEMARANG } from '../../semarang-requests';
import type { Answer, HttpClient } from './http-client';

export function makeDataDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `ogp-faults-${name}-`));
}

export interface Keys {
  readonly admin: string;
  readonly reviewer: string;
  readonly auditor: string;
  /** A key that existed and was revoked before the server started. */
  readonly revoked: string;
  /** Shaped like a key, but unknown. */
  readonly bad: string;
}

/** Creates the keys in DATA_DIR/access.sqlite before the server's first start (so it prints no admin key). */
export async function makeKeys(dataDir: string): Promise<Keys> {
  const store = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
  try {
    const make = async (role: Role, name: string) => (await store.create({ role, name })).key;
    const revoked = await store.create({ role: 'admin', name: 'revoked admin' });
    await store.revoke(revoked.record.id);
    return {
      admin: await make('admin', 'faults admin'),
      reviewer: await make('reviewer', 'faults reviewer'),
      auditor: await make('auditor', 'faults auditor'),
      revoked: revoked.key,
      bad: `ogp_0123456789abcdef_${'A'.repeat(43)}`,
    };
  } finally {
    await store.close();
  }
}

/** Request bodies from the Semarang 2021-2023 plan (the shapes of the admin and review DTOs). */
export const BODIES = {
  member: (memberId: string) => ({ memberId, name: `Kota ${memberId}`, country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'] }),
  forum: SEMARANG.forum,
  publicInformation: { updatedOn: '2021-07-05', url: 'https://semarangkota.go.id/ogp', summary: 'Action plan published' },
  plan: SEMARANG.plan,
  commitment: SEMARANG.commitment,
  milestone: () => ({ ...SEMARANG.milestone }),
  claim: (milestoneId: string, narrative: string) => ({
    milestoneId,
    completion: 'Substantial',
    asOf: '2022-06-30',
    narrative,
    evidence: [SEMARANG.evidence],
  }),
  reschedule: (dueDate: string) => ({ startDate: '2021-09-01', dueDate, reason: 'Agencies asked for more time' }),
  revision: (title: string) => ({ changes: { title }, reason: 'Clarified after the forum' }),
  verdict: (version: number) => ({ version, reason: 'Checked against the PPID report' }),
  evidenceRequest: (version: number) => ({ version, request: 'Please link the signed decree' }),
  designAssessment: {
    assessedOn: '2021-10-05',
    verifiability: 'Verifiable',
    potentialForResults: 'Modest',
    relevance: { 'Access to Information': 'Relevant', 'Civic Participation': 'Not Relevant', 'Public Accountability': 'Relevant', 'Technology and Innovation for Transparency and Accountability': 'Not Relevant' },
  },
  inception: { assessedOn: '2021-09-20', reportUrl: 'https://www.opengovpartnership.org/members/semarang', summary: 'Inception report' },
  endOfCommitment: {
    assessedOn: '2024-02-15',
    completion: 'Complete',
    evidence: [{ url: 'https://ppid.semarangkota.go.id/laporan-2023', title: 'PPID annual report 2023' }],
    didItOpenGovernment: { 'Access to Information': 'Major', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Major', 'Technology and Innovation for Transparency and Accountability': 'Not Applicable' },
  },
};

export interface SeededPlan {
  readonly memberId: string;
  readonly planId: string;
  readonly commitments: readonly { readonly commitmentId: string; readonly milestoneId: string }[];
}

function idOfStream(stream: string): string {
  return stream.slice(stream.indexOf('-') + 1);
}

export interface CreatedAnswer {
  readonly stream: string;
  readonly revision: string;
  readonly position: string | null;
  readonly eventIds: string[];
  /** The ids the command acted on, a new entity's included. */
  readonly ids: Readonly<Record<string, string | undefined>>;
}

export async function expectCreated(answer: Promise<Answer>, what: string): Promise<CreatedAnswer> {
  const a = await answer;
  if (a.status !== 201) throw new Error(`${what}: expected 201, got ${a.status} ${a.text}`);
  return a.json as CreatedAnswer;
}

/** Member, plan with `count` commitments of one milestone each, endorsed, submitted and implementing. */
export async function seedPlan(http: HttpClient, adminKey: string, memberId: string, count: number): Promise<SeededPlan> {
  const post = (path: string, body: unknown) => http.request('POST', path, { key: adminKey, body });
  await expectCreated(post('/admin/members', BODIES.member(memberId)), 'register member');
  const planId = idOfStream((await expectCreated(post(`/admin/members/${memberId}/plans`, BODIES.plan), 'draft plan')).stream);
  const commitments: { commitmentId: string; milestoneId: string }[] = [];
  for (let n = 1; n <= count; n++) {
    const commitmentId = idOfStream((await expectCreated(post(`/admin/plans/${planId}/commitments`, BODIES.commitment(n)), 'add commitment')).stream);
    const added = await expectCreated(post(`/admin/commitments/${commitmentId}/milestones`, BODIES.milestone()), 'add milestone');
    const state = await http.request('GET', `/audit/commitments/${commitmentId}?waitFor=${encodeURIComponent(added.position ?? '0')}`, { key: adminKey });
    commitments.push({ commitmentId, milestoneId: milestoneIdOf(state, commitmentId) });
  }
  await expectCreated(post(`/admin/plans/${planId}/endorsement`, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] }), 'endorse');
  await expectCreated(post(`/admin/plans/${planId}/submission`, { submittedOn: '2021-07-30' }), 'submit');
  await expectCreated(post(`/admin/plans/${planId}/implementation`, { startedOn: '2021-08-01' }), 'start implementation');
  return { memberId, planId, commitments };
}

function milestoneIdOf(answer: Answer, commitmentId: string): string {
  const state = (answer.json as { data?: { state?: { milestones?: unknown } } } | undefined)?.data?.state;
  const milestones = state?.milestones;
  const ids = Array.isArray(milestones)
    ? milestones.map((m) => (m as { milestoneId?: string }).milestoneId)
    : typeof milestones === 'object' && milestones !== null
      ? Object.keys(milestones)
      : [];
  const id = ids.find((x): x is string => typeof x === 'string');
  if (id === undefined) throw new Error(`No milestone in commitment ${commitmentId}: ${answer.status} ${answer.text.slice(0, 500)}`);
  return id;
}
