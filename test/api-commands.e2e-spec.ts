// The command routes' edges: request validation, domain refusals, If-Match, Idempotency-Key, concurrent writers,
// member-scoped keys and roles. Every refused request must leave the store's head where it was.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ERROR_CATALOGUE, type ErrorCode } from '@ogp/domain';
import { parseApiKey } from '@ogp/tracker';
import request from 'supertest';
import { SEMARANG, startCommandApi, type CommandApi } from './command-api.fixtures';
import { COMMAND_BODIES, documentedRoutes, fillPath } from './faults/support/routes';

const idOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

describe('command API edges (e2e)', () => {
  let api: CommandApi;
  let ops: string;
  let smg: string;
  let reviewer: string;
  let planId: string;
  let commitmentId: string;
  let milestoneId: string;
  let otherPlanId: string;
  let otherCommitmentId: string;

  const post = (path: string, key: string, body: object | string, headers: Record<string, string> = {}) =>
    request(api.http).post(path).set('Authorization', `Bearer ${key}`).set(headers).send(body);

  /** Seeds a member with an implementing plan, one commitment and one milestone; returns their ids. */
  async function seed(memberId: string): Promise<{ planId: string; commitmentId: string; milestoneId: string }> {
    await post('/admin/members', ops, { ...SEMARANG.member, memberId }).expect(201);
    const plan = idOf((await post(`/admin/members/${memberId}/plans`, ops, SEMARANG.plan).expect(201)).body.stream);
    const commitment = idOf((await post(`/admin/plans/${plan}/commitments`, ops, SEMARANG.commitment(1)).expect(201)).body.stream);
    await post(`/admin/commitments/${commitment}/milestones`, ops, SEMARANG.milestone).expect(201);
    await post(`/admin/plans/${plan}/endorsement`, ops, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] }).expect(201);
    await post(`/admin/plans/${plan}/submission`, ops, { submittedOn: '2021-07-30' }).expect(201);
    await post(`/admin/plans/${plan}/implementation`, ops, { startedOn: '2021-08-01' }).expect(201);
    const events = await api.events(`commitment-${commitment}`);
    return { planId: plan, commitmentId: commitment, milestoneId: (events[1]!.data as { milestoneId: string }).milestoneId };
  }

  const claimBody = (overrides: object = {}) => ({
    milestoneId, completion: 'Substantial', asOf: '2022-06-30', narrative: 'Standard published', evidence: [SEMARANG.evidence], ...overrides,
  });

  beforeAll(async () => {
    api = await startCommandApi();
    ops = await api.key({ role: 'admin', name: 'ops' });
    smg = await api.key({ role: 'admin', name: 'Semarang', member: 'semarang' });
    reviewer = await api.key({ role: 'reviewer', name: 'OSU' });
    ({ planId, commitmentId, milestoneId } = await seed('semarang'));
    ({ planId: otherPlanId, commitmentId: otherCommitmentId } = await seed('jakarta'));
  });
  afterAll(() => api.close());

  describe('request validation (400, nothing written)', () => {
    const cases: [string, () => [string, 'ops' | 'reviewer', object | string]][] = [
      ['memberId not a slug', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: 'Semarang City' }]],
      ['memberId missing', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: undefined }]],
      ['country not alpha-2', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: 'bandung', country: 'IDN' }]],
      ['cohort not an integer', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: 'bandung', cohort: 2020.5 }]],
      ['partners not a list', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: 'bandung', partners: 'TII' }]],
      ['unknown property', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: 'bandung', status: 'Active' }]],
      ['timeZone not an IANA zone', () => ['/admin/members', 'ops', { ...SEMARANG.member, memberId: 'bandung', timeZone: 'Asia/Semarang' }]],
      ['heldOn not a date', () => ['/admin/members/semarang/forum-meetings', 'ops', SEMARANG.forum('2021-13-01')]],
      ['participants missing', () => ['/admin/members/semarang/forum-meetings', 'ops', { heldOn: '2021-04-20' }]],
      ['minutesUrl not http(s)', () => ['/admin/members/semarang/forum-meetings', 'ops', { ...SEMARANG.forum('2021-04-20'), minutesUrl: 'ftp://x.org/m' }]],
      ['public information url missing', () => ['/admin/members/semarang/public-information', 'ops', { updatedOn: '2021-07-05', summary: 'x' }]],
      ['periodStart not a month', () => ['/admin/members/semarang/plans', 'ops', { ...SEMARANG.plan, periodStart: '2021-8' }]],
      ['empty title', () => ['/admin/members/semarang/plans', 'ops', { ...SEMARANG.plan, title: '' }]],
      ['a right-to-left override left open in a title', () => ['/admin/members/semarang/plans', 'ops', { ...SEMARANG.plan, title: 'Rencana Aksi \u202E2202-1202' }]],
      ['endorsedBy empty', () => [`/admin/plans/${planId}/endorsement`, 'ops', { endorsedOn: '2021-07-26', endorsedBy: [] }]],
      ['submittedOn missing', () => [`/admin/plans/${planId}/submission`, 'ops', {}]],
      ['value not on the OGP scale', () => [`/admin/plans/${planId}/commitments`, 'ops', { ...SEMARANG.commitment(2), values: ['Openness'] }]],
      ['no values', () => [`/admin/plans/${planId}/commitments`, 'ops', { ...SEMARANG.commitment(2), values: [] }]],
      ['ogpId malformed', () => [`/admin/plans/${planId}/commitments`, 'ops', { ...SEMARANG.commitment(2), ogpId: 'smg-1' }]],
      ['nested institutions not a list', () => [`/admin/plans/${planId}/commitments`, 'ops', { ...SEMARANG.commitment(2), supportingInstitutions: { government: 'Bappeda', civilSociety: [] } }]],
      ['revision without reason', () => [`/admin/commitments/${commitmentId}/revisions`, 'ops', { changes: { endMonth: '2023-06' } }]],
      ['revision with a bad month', () => [`/admin/commitments/${commitmentId}/revisions`, 'ops', { changes: { endMonth: 'June' }, reason: 'x' }]],
      ['milestone dueDate not a date', () => [`/admin/commitments/${commitmentId}/milestones`, 'ops', { ...SEMARANG.milestone, dueDate: 'tomorrow' }]],
      ['reschedule without reason', () => [`/admin/commitments/${commitmentId}/milestones/${milestoneId}/rescheduling`, 'ops', { startDate: '2021-09-01', dueDate: '2022-04-30' }]],
      ['completion not claimable', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ completion: 'Withdrawn' })]],
      ['evidence url invalid', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ evidence: [{ url: 'not a url', title: 'x' }] })]],
      ['evidence sha256 not hex', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ evidence: [{ ...SEMARANG.evidence, sha256: 'ABC' }] })]],
      ['claimId malformed', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ claimId: 'Claim_1' })]],
      ['verification version 0', () => [`/review/commitments/${commitmentId}/claims/c-1/verification`, 'reviewer', { version: 0, reason: 'ok' }]],
      ['dispute without reason', () => [`/review/commitments/${commitmentId}/claims/c-1/dispute`, 'reviewer', { version: 1, reason: '' }]],
      ['evidence request without text', () => [`/review/commitments/${commitmentId}/claims/c-1/evidence-requests`, 'reviewer', { version: 1 }]],
      ['relevance missing a value', () => [`/review/commitments/${commitmentId}/design-assessment`, 'reviewer', { assessedOn: '2021-10-05', verifiability: 'Verifiable', potentialForResults: 'Modest', relevance: { 'Access to Information': 'Relevant' } }]],
      ['four evidence items', () => [`/review/commitments/${commitmentId}/end-of-commitment-assessment`, 'reviewer', {
        assessedOn: '2024-02-15', completion: 'Complete', evidence: [1, 2, 3, 4].map(() => SEMARANG.evidence),
        didItOpenGovernment: { 'Access to Information': 'Major', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Major', 'Technology and Innovation for Transparency and Accountability': 'Not Applicable' },
      }]],
      ['inception report url missing', () => [`/review/plans/${planId}/inception-assessment`, 'reviewer', { assessedOn: '2021-09-20', summary: 'x' }]],
      ['path plan id malformed', () => ['/admin/plans/Plan_1/submission', 'ops', { submittedOn: '2021-07-30' }]],
      ['path member id too short', () => ['/admin/members/s/plans', 'ops', SEMARANG.plan]],
      ['path milestone id malformed', () => [`/admin/commitments/${commitmentId}/milestones/M.1/withdrawal`, 'ops', { reason: 'x' }]],
      ['path claim id malformed', () => [`/review/commitments/${commitmentId}/claims/C%201/verification`, 'reviewer', { version: 1, reason: 'x' }]],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const [path, who, body] = make();
      const before = await api.head();
      const res = await post(path, who === 'ops' ? ops : reviewer, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await api.head()).toBe(before);
    });

    it('answers malformed JSON with 400 and writes nothing', async () => {
      const before = await api.head();
      const res = await post('/admin/members', ops, '{"memberId":', { 'Content-Type': 'application/json' });
      expect(res.status).toBe(400);
      expect(await api.head()).toBe(before);
    });
  });

  describe('domain refusals (status from the error kind, nothing written)', () => {
    const cases: [string, number, string, () => [string, 'ops' | 'reviewer' | 'smg', object]][] = [
      ['registering a member twice', 409, 'member.already-registered', () => ['/admin/members', 'ops', SEMARANG.member]],
      ['drafting for an unknown member', 404, 'member.not-found', () => ['/admin/members/nowhere/plans', 'ops', SEMARANG.plan]],
      ['submitting an unknown plan', 404, 'plan.not-found', () => ['/admin/plans/no-such-plan/submission', 'ops', { submittedOn: '2021-07-30' }]],
      ['endorsing a plan endorsed already', 409, 'plan.already-endorsed', () => [`/admin/plans/${planId}/endorsement`, 'ops', { endorsedOn: '2021-07-26', endorsedBy: ['TII'] }]],
      ['a milestone outside its commitment', 422, 'milestone.outside-commitment', () => [`/admin/commitments/${commitmentId}/milestones`, 'ops', { ...SEMARANG.milestone, dueDate: '2030-01-01' }]],
      ['a Complete claim without evidence', 422, 'claim.evidence-required', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ completion: 'Complete', evidence: [] })]],
      ['a Substantial claim with no evidence field', 422, 'claim.evidence-required', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ evidence: undefined })]],
      ['verifying an unknown claim', 404, 'claim.not-found', () => [`/review/commitments/${commitmentId}/claims/no-claim/verification`, 'reviewer', { version: 1, reason: 'x' }]],
      ['amending a claim that does not exist (a mistyped claimId)', 404, 'claim.not-found', () => [`/admin/commitments/${commitmentId}/claims`, 'ops', claimBody({ claimId: 'my-claim-1' })]],
      ['adding to a plan after submission without a reason', 422, 'reason.required', () => [`/admin/plans/${planId}/commitments`, 'ops', SEMARANG.commitment(3)]],
      ['drafting a second plan for the same years', 409, 'plan.period-overlaps', () => ['/admin/members/semarang/plans', 'ops', SEMARANG.plan]],
      ['adding a commitment with an OGP id the plan has', 409, 'commitment.ogp-id-taken', () => [`/admin/plans/${planId}/commitments`, 'ops', { ...SEMARANG.commitment(1), reason: 'Added again' }]],
    ];

    it.each(cases)('%s -> %d %s', async (_name, status, code, make) => {
      const [path, who, body] = make();
      const before = await api.head();
      const res = await post(path, who === 'ops' ? ops : who === 'smg' ? smg : reviewer, body);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      // One title per problem type: the domain catalogue's for the code.
      expect(res.body.title).toBe(ERROR_CATALOGUE[code as ErrorCode].title);
      expect(await api.head()).toBe(before);
    });
  });

  describe('claims: draft plans and versions that change nothing', () => {
    it('refuses a claim while the plan is a draft (409 plan.invalid-transition)', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'surakarta' }).expect(201);
      const draft = idOf((await post('/admin/members/surakarta/plans', ops, SEMARANG.plan).expect(201)).body.stream);
      const commitment = idOf((await post(`/admin/plans/${draft}/commitments`, ops, SEMARANG.commitment(1)).expect(201)).body.stream);
      await post(`/admin/commitments/${commitment}/milestones`, ops, SEMARANG.milestone).expect(201);
      const milestone = ((await api.events(`commitment-${commitment}`))[1]!.data as { milestoneId: string }).milestoneId;
      const before = await api.head();
      const res = await post(`/admin/commitments/${commitment}/claims`, ops, claimBody({ milestoneId: milestone }));
      expect([res.status, res.body.code]).toEqual([409, 'plan.invalid-transition']);
      expect(await api.head()).toBe(before);
    });
    it('refuses a resent claim version (422 claim.no-change) and takes one that only adds evidence', async () => {
      const first = await post(`/admin/commitments/${commitmentId}/claims`, ops, claimBody({ narrative: 'Sent twice' })).expect(201);
      const claimId = first.body.ids.claimId as string;
      const before = await api.head();
      const again = await post(`/admin/commitments/${commitmentId}/claims`, ops, claimBody({ narrative: 'Sent twice', claimId }));
      expect([again.status, again.body.code]).toEqual([422, 'claim.no-change']);
      expect(await api.head()).toBe(before);
      const more = [SEMARANG.evidence, { url: 'https://ppid.semarangkota.go.id/standar-layanan.pdf', title: 'Signed standard' }];
      await post(`/admin/commitments/${commitmentId}/claims`, ops, claimBody({ narrative: 'Sent twice', claimId, evidence: more })).expect(201);
    });
  });

  describe('correcting a mistyped endorsement', () => {
    it('corrects it with a reason, and the same day it counts by its corrected date', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'pati' }).expect(201);
      const plan = idOf((await post('/admin/members/pati/plans', ops, SEMARANG.plan).expect(201)).body.stream);
      await post(`/admin/plans/${plan}/endorsement`, ops, { endorsedOn: '2021-07-31', endorsedBy: ['PATTIRO Semarang'] }).expect(201);
      const submitted = await post(`/admin/plans/${plan}/submission`, ops, { submittedOn: '2021-07-30' }).expect(201);
      expect(submitted.body.notices[0]).toMatch(/correct it today/);
      const path = `/admin/plans/${plan}/endorsement/correction`;
      const body = { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'], reason: 'Mistyped date: signed on 26 July' };
      for (const [wrong, status, code] of [[{ ...body, reason: undefined }, 400, 'validation-failed'], [{ ...body, reason: '  ' }, 422, 'reason.required'], [{ ...body, endorsedOn: '2021-07-31' }, 422, 'plan.endorsement-unchanged']] as const) {
        const before = await api.head();
        const res = await post(path, ops, wrong);
        expect([res.status, res.body.code]).toEqual([status, code]);
        expect(await api.head()).toBe(before);
      }
      const corrected = await post(path, ops, body).expect(201);
      expect(corrected.body.eventTypes).toEqual(['EndorsementCorrected']);
      const compliance = await request(api.http).get(`/audit/members/pati/compliance?planId=${plan}&waitFor=${corrected.body.position}`).set('Authorization', `Bearer ${ops}`).expect(200);
      const endorsement = (compliance.body.data.results as { obligation: string; status: string; detail: string }[]).find((r) => r.obligation === 'endorsement');
      expect(endorsement).toMatchObject({ status: 'met', detail: 'endorsed on 2021-07-26, submitted on 2021-07-30' });
    });
  });

  describe('withdrawing a forum meeting recorded by mistake', () => {
    it('takes it out of the forum obligation with a reason, and lets the corrected meeting be recorded', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'kendal' }).expect(201);
      const wrong = await post('/admin/members/kendal/forum-meetings', ops, SEMARANG.forum('2021-04-20')).expect(201);
      const meetingId = wrong.body.ids.meetingId as string;
      const refused = async (path: string, body: object, status: number, code: string, key = ops) => {
        const before = await api.head();
        const res = await post(path, key, body);
        expect([res.status, res.body.code]).toEqual([status, code]);
        expect(await api.head()).toBe(before);
      };
      await refused(`/admin/members/kendal/forum-meetings/${meetingId}/withdrawal`, { reason: ' ' }, 422, 'reason.required');
      await refused('/admin/members/kendal/forum-meetings/no-such-meeting/withdrawal', { reason: 'Typo' }, 404, 'forum.meeting-not-found');
      await refused(`/admin/members/kendal/forum-meetings/${meetingId}/withdrawal`, { reason: 'Typo' }, 403, 'access.outside-member-scope', smg);
      const withdrawn = await post(`/admin/members/kendal/forum-meetings/${meetingId}/withdrawal`, ops, { reason: 'Held on the 21st' }).expect(201);
      expect(withdrawn.body).toMatchObject({ eventTypes: ['ForumMeetingWithdrawn'], ids: { memberId: 'kendal', meetingId } });
      await refused(`/admin/members/kendal/forum-meetings/${meetingId}/withdrawal`, { reason: 'Again' }, 409, 'forum.meeting-withdrawn');
      const compliance = await request(api.http).get(`/audit/members/kendal/compliance?waitFor=${withdrawn.body.position}`).set('Authorization', `Bearer ${ops}`).expect(200);
      const forum = (compliance.body.data.results as { obligation: string; eventIds: string[] }[]).find((r) => r.obligation === 'forum');
      expect(forum!.eventIds).not.toContain(wrong.body.eventIds[0]);
      await post('/admin/members/kendal/forum-meetings', ops, SEMARANG.forum('2021-04-21')).expect(201);
    });
  });

  describe('onboarding: a submission entered before its endorsement', () => {
    it('answers the submission with a notice, and counts an earlier endorsement entered the same day by its date', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'demak' }).expect(201);
      const plan = idOf((await post('/admin/members/demak/plans', ops, SEMARANG.plan).expect(201)).body.stream);
      const submitted = await post(`/admin/plans/${plan}/submission`, ops, { submittedOn: '2021-07-30' }).expect(201);
      expect(submitted.body.notices).toHaveLength(1);
      expect(submitted.body.notices[0]).toMatch(/^Recorded as submitted on 2021-07-30 without civil society's endorsement on or before that day/);
      const endorsed = await post(`/admin/plans/${plan}/endorsement`, ops, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] }).expect(201);
      expect(endorsed.body.notices).toEqual([]);
      const compliance = await request(api.http).get(`/audit/members/demak/compliance?planId=${plan}&waitFor=${endorsed.body.position}`).set('Authorization', `Bearer ${ops}`).expect(200);
      const endorsement = (compliance.body.data.results as { obligation: string; status: string; detail: string }[]).find((r) => r.obligation === 'endorsement');
      expect(endorsement).toMatchObject({ status: 'met', detail: 'endorsed on 2021-07-26, submitted on 2021-07-30' });
    });
  });

  describe('an assessment entered later than its date', () => {
    it('is recorded with its date, and the answer says the obligation counts it from today', async () => {
      const { planId: plan } = await seed('wonosobo');
      const res = await post(`/review/plans/${plan}/inception-assessment`, reviewer, { assessedOn: '2021-09-20', reportUrl: 'https://ogp.org/r', summary: 'Relevant and verifiable' }).expect(201);
      expect(res.body.notices).toEqual([expect.stringMatching(/^Recorded on \d{4}-\d{2}-\d{2}, later than its date 2021-09-20: the inception obligation counts an assessment from the day it is recorded/)]);
    });
  });

  describe('abandoning a draft plan', () => {
    it('gives up a draft with a reason: it stays in history, its commitments freeze, and its obligations no longer apply', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'salatiga' }).expect(201);
      const draft = idOf((await post('/admin/members/salatiga/plans', ops, SEMARANG.plan).expect(201)).body.stream);
      // A second draft of the same years is refused, and the refusal is not kept for the key: it names what to do.
      const again = { 'Idempotency-Key': 'salatiga-plan-2021' };
      expect((await post('/admin/members/salatiga/plans', ops, SEMARANG.plan, again).expect(409)).body.code).toBe('plan.period-overlaps');
      const commitment = idOf((await post(`/admin/plans/${draft}/commitments`, ops, SEMARANG.commitment(1)).expect(201)).body.stream);
      const refused = async (path: string, body: object, status: number, code?: string) => {
        const before = await api.head();
        const res = await post(path, ops, body);
        expect([res.status, res.body.code ?? null]).toEqual([status, code ?? res.body.code ?? null]);
        expect(await api.head()).toBe(before);
      };
      await refused(`/admin/plans/${draft}/abandonment`, {}, 400);
      await refused(`/admin/plans/${draft}/abandonment`, { reason: '  ' }, 422, 'reason.required');
      const abandoned = await post(`/admin/plans/${draft}/abandonment`, ops, { reason: 'Drafted twice by mistake' }).expect(201);
      expect(abandoned.body.eventTypes).toEqual(['ActionPlanAbandoned']);
      await refused(`/admin/plans/${draft}/abandonment`, { reason: 'Again' }, 409, 'plan.invalid-transition');
      await refused(`/admin/plans/${draft}/submission`, { submittedOn: '2021-07-30' }, 409, 'plan.invalid-transition');
      await refused(`/admin/plans/${draft}/commitments`, SEMARANG.commitment(2), 409, 'plan.abandoned');
      await refused(`/admin/commitments/${commitment}/milestones`, SEMARANG.milestone, 409, 'plan.abandoned');
      // Out of the way: the same years can be drafted again, by the very retry refused before.
      const retried = await post('/admin/members/salatiga/plans', ops, SEMARANG.plan, again).expect(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      // A submitted plan is OGP's: it cannot be abandoned.
      await refused(`/admin/plans/${planId}/abandonment`, { reason: 'Changed our minds' }, 409, 'plan.invalid-transition');

      const compliance = await request(api.http).get(`/audit/members/salatiga/compliance?planId=${draft}&waitFor=${abandoned.body.position}`).set('Authorization', `Bearer ${ops}`).expect(200);
      const endorsement = (compliance.body.data.results as { obligation: string; status: string; eventIds: string[]; detail: string }[]).find((r) => r.obligation === 'endorsement');
      const [event] = (await api.events(`plan-${draft}`)).slice(-1);
      expect(endorsement).toMatchObject({ status: 'not applicable', eventIds: [event!.id] });
      expect(endorsement!.detail).toMatch(/^plan abandoned as a draft on \d{4}-\d{2}-\d{2}$/);
      const state = await request(api.http).get(`/audit/plans/${draft}?waitFor=${abandoned.body.position}`).set('Authorization', `Bearer ${ops}`).expect(200);
      expect(state.body.data).toMatchObject({ status: 'Abandoned', state: { status: 'Abandoned', abandonment: { reason: 'Drafted twice by mistake' } } });
      // Its commitment was never withdrawn, so it reads Active on its own; the read names the plan's status beside it.
      const read = (asOf = '') => request(api.http).get(`/audit/commitments/${commitment}?waitFor=${abandoned.body.position}${asOf}`).set('Authorization', `Bearer ${ops}`).expect(200);
      expect((await read()).body.data).toMatchObject({ status: 'Active', planStatus: 'Abandoned' });
      const [added] = await api.events(`commitment-${commitment}`);
      expect((await read(`&asOf=${encodeURIComponent(added!.metadata.recordedAt as string)}`)).body.data).toMatchObject({ status: 'Active', planStatus: 'Draft' });
      expect((await request(api.http).get(`/audit/plans/${draft}`).set('Authorization', `Bearer ${ops}`).expect(200)).body.data.planStatus).toBeUndefined();
    });
  });

  describe('optional evidence', () => {
    it('takes a Limited claim with no evidence field as a claim with none', async () => {
      const res = await post(`/admin/commitments/${commitmentId}/claims`, ops, claimBody({ completion: 'Limited', evidence: undefined }));
      expect(res.status).toBe(201);
      const [event] = (await api.events(`commitment-${commitmentId}`)).slice(-1);
      expect(event!.data).toMatchObject({ completion: 'Limited', evidence: [] });
      // The answer names the ids the next request needs, the new claim's among them.
      expect(res.body.ids).toEqual({ commitmentId, milestoneId, claimId: (event!.data as { claimId: string }).claimId });
    });
  });

  describe('time zone', () => {
    it('records the zone a member names, by its canonical name, and UTC for one that names none', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'surabaya', timeZone: 'asia/jakarta' }).expect(201);
      expect((await api.events('member-surabaya'))[0]!.data).toMatchObject({ timeZone: 'Asia/Jakarta' });
      expect((await api.events('member-semarang'))[0]!.data).toMatchObject({ timeZone: 'UTC' });
    });
    it('changes a member’s zone with a reason, and refuses the zone it already keeps (422) or none at all (400)', async () => {
      const changed = await post('/admin/members/surabaya/time-zone', ops, { timeZone: 'Asia/Makassar', reason: 'Surabaya keeps WIB, not WITA' });
      expect(changed.status).toBe(201);
      expect(changed.body.eventTypes).toEqual(['MemberTimeZoneChanged']);
      expect((await api.events('member-surabaya')).at(-1)!.data).toMatchObject({ previous: 'Asia/Jakarta', timeZone: 'Asia/Makassar' });
      const same = await post('/admin/members/surabaya/time-zone', ops, { timeZone: 'Asia/Makassar', reason: 'again' });
      expect(same.status).toBe(422);
      expect(same.body.code).toBe('member.time-zone-unchanged');
      expect((await post('/admin/members/surabaya/time-zone', ops, { timeZone: 'Asia/Jakarta' })).status).toBe(400);
      expect((await post('/admin/members/surabaya/time-zone', reviewer, { timeZone: 'Asia/Jakarta', reason: 'x' })).status).toBe(403);
    });
  });

  describe('If-Match', () => {
    it('accepts the current revision, refuses a stale one with 412 and a malformed one with 400', async () => {
      const path = `/admin/commitments/${commitmentId}/milestones/${milestoneId}/rescheduling`;
      const body = { startDate: '2021-09-01', dueDate: '2022-04-30', reason: 'Agencies asked for a month more' };
      const current = (await api.events(`commitment-${commitmentId}`)).length - 1;
      const ok = await post(path, ops, body, { 'If-Match': `"${current}"` });
      expect(ok.status).toBe(201);
      expect(ok.headers.etag).toBe(`"${current + 1}"`);
      const before = await api.head();
      const stale = await post(path, ops, { ...body, dueDate: '2022-05-31' }, { 'If-Match': `"${current}"` });
      expect(stale.status).toBe(412);
      expect(stale.body.detail).toBe(`commitment-${commitmentId} is at revision ${current + 1}: read it again (with ?waitFor=<the position your last command answered>, to see your own writes) and retry`);
      // If-Match on an entity that does not exist (a mistyped id): the 404 the command gets without it. RFC 9110
      // 13.2.1: preconditions are ignored when the answer without them would be neither 2xx nor 412.
      for (const ifMatch of ['*', `"${current}"`]) {
        const missing = await post('/admin/commitments/no-such-commitment/milestones/m1/rescheduling', ops, body, { 'If-Match': ifMatch });
        expect([missing.status, missing.body.code]).toEqual([404, 'commitment.not-found']);
      }
      const malformed = await post(path, ops, { ...body, dueDate: '2022-05-31' }, { 'If-Match': 'W/"3"' });
      expect(malformed.status).toBe(400);
      expect(await api.head()).toBe(before);
    });

    it('refuses If-Match on a command that creates an entity (400, nothing written): no revision of it can have been read', async () => {
      const before = await api.head();
      const res = await post(`/admin/plans/${planId}/commitments`, ops, { ...SEMARANG.commitment(7), reason: 'Added after the forum' }, { 'If-Match': '"3"' });
      expect(res.status).toBe(400);
      expect(res.body.detail).toBe('AddCommitment creates a new entity, of which no revision can have been read: leave If-Match out');
      expect(await api.head()).toBe(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the first answer and writes nothing; another body under the same key is a 422', async () => {
      const headers = { 'Idempotency-Key': 'forum-2021-04-20-retry' };
      const first = await post('/admin/members/semarang/forum-meetings', ops, SEMARANG.forum('2021-04-20'), headers);
      expect(first.status).toBe(201);
      const after = await api.head();
      const again = await post('/admin/members/semarang/forum-meetings', ops, SEMARANG.forum('2021-04-20'), headers);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await api.head()).toBe(after);
      const other = await post('/admin/members/semarang/forum-meetings', ops, SEMARANG.forum('2021-05-20'), headers);
      expect(other.status).toBe(422);
      expect(await api.head()).toBe(after);
    });

    it('does not keep a refusal for the state of another entity: a claim refused while its plan is a draft runs once the plan is submitted', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'grobogan' }).expect(201);
      const draft = idOf((await post('/admin/members/grobogan/plans', ops, SEMARANG.plan).expect(201)).body.stream);
      const commitment = idOf((await post(`/admin/plans/${draft}/commitments`, ops, SEMARANG.commitment(1)).expect(201)).body.stream);
      await post(`/admin/commitments/${commitment}/milestones`, ops, SEMARANG.milestone).expect(201);
      const milestone = ((await api.events(`commitment-${commitment}`))[1]!.data as { milestoneId: string }).milestoneId;
      const headers = { 'Idempotency-Key': 'grobogan-first-claim' };
      const refused = await post(`/admin/commitments/${commitment}/claims`, ops, claimBody({ milestoneId: milestone }), headers);
      expect([refused.status, refused.body.code]).toEqual([409, 'plan.invalid-transition']);
      await post(`/admin/plans/${draft}/endorsement`, ops, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] }).expect(201);
      await post(`/admin/plans/${draft}/submission`, ops, { submittedOn: '2021-07-30' }).expect(201);
      const retried = await post(`/admin/commitments/${commitment}/claims`, ops, claimBody({ milestoneId: milestone }), headers);
      expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([201, undefined]);
      // A refusal for the command's own entity is a decision, and is replayed: the same claim again is refused the same.
      const own = { 'Idempotency-Key': 'grobogan-claim-on-unknown-milestone' };
      const first = await post(`/admin/commitments/${commitment}/claims`, ops, claimBody({ milestoneId: 'no-such-milestone' }), own);
      const again = await post(`/admin/commitments/${commitment}/claims`, ops, claimBody({ milestoneId: 'no-such-milestone' }), own);
      expect([first.body.code, again.status, again.headers['idempotent-replayed']]).toEqual(['milestone.not-found', first.status, 'true']);
    });

    it('runs another request under a key whose record has gone (its retention passed, another instance) as a new command', async () => {
      const headers = { 'Idempotency-Key': 'monthly-forum' };
      const first = await post('/admin/members/semarang/forum-meetings', ops, SEMARANG.forum('2021-06-20'), headers);
      expect(first.status).toBe(201);
      // The record goes, as the retention purge (or an instance that never had it) would have it.
      const records = new Database(join(api.dataDir, 'idempotency.sqlite'));
      expect(records.prepare('DELETE FROM idempotency_records WHERE api_key_id = ? AND idempotency_key = ?').run(parseApiKey(ops)!.id, 'monthly-forum').changes).toBe(1);
      records.close();
      const next = await post('/admin/members/semarang/forum-meetings', ops, SEMARANG.forum('2021-07-20'), headers);
      expect(next.status).toBe(201);
      expect(next.body.eventIds).not.toEqual(first.body.eventIds);
      expect((await api.events('member-semarang')).at(-1)!.data).toMatchObject({ effectiveAt: '2021-07-20' });
    });
  });

  describe('concurrent writers on one commitment', () => {
    it('acknowledges 50 concurrent claims without If-Match and stores exactly the acknowledged events', async () => {
      const before = (await api.events(`commitment-${commitmentId}`)).length;
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(`/admin/commitments/${commitmentId}/claims`, ops, claimBody({ narrative: `claim ${i}` }))));
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
      const events = await api.events(`commitment-${commitmentId}`);
      expect(events.length - before).toBe(50);
      expect(new Set(answers.map((a) => a.body.eventIds[0]))).toEqual(new Set(events.slice(before).map((e) => e.id)));
      expect(new Set(answers.map((a) => a.body.revision)).size).toBe(50);
    });

    it('lets exactly one of 50 writers naming the same revision in If-Match win; the rest get 412', async () => {
      const before = await api.events(`commitment-${commitmentId}`);
      const ifMatch = { 'If-Match': `"${before.length - 1}"` };
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(`/admin/commitments/${commitmentId}/claims`, ops, claimBody({ narrative: `racing ${i}` }), ifMatch)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(49);
      expect((await api.events(`commitment-${commitmentId}`)).length).toBe(before.length + 1);
    });
  });

  describe('concurrent commands checked against sibling entities', () => {
    /** The statuses of `count` copies of one command sent at once, sorted. */
    const race = async (count: number, path: string, body: object): Promise<{ statuses: number[]; codes: string[] }> => {
      const answers = await Promise.all(Array.from({ length: count }, () => post(path, ops, body)));
      return { statuses: answers.map((a) => a.status).sort(), codes: answers.filter((a) => a.status !== 201).map((a) => a.body.code as string) };
    };

    it('drafts one plan of 8 sent at once for the same years; the others are refused as overlapping', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'kudus' }).expect(201);
      const { statuses, codes } = await race(8, '/admin/members/kudus/plans', SEMARANG.plan);
      expect(statuses).toEqual([201, ...Array(7).fill(409)]);
      expect(new Set(codes)).toEqual(new Set(['plan.period-overlaps']));
    });

    it('adds one commitment of 8 sent at once with the same OGP id; the others are refused as taken', async () => {
      await post('/admin/members', ops, { ...SEMARANG.member, memberId: 'rembang' }).expect(201);
      const draft = idOf((await post('/admin/members/rembang/plans', ops, SEMARANG.plan).expect(201)).body.stream);
      const { statuses, codes } = await race(8, `/admin/plans/${draft}/commitments`, SEMARANG.commitment(1));
      expect(statuses).toEqual([201, ...Array(7).fill(409)]);
      expect(new Set(codes)).toEqual(new Set(['commitment.ogp-id-taken']));
    });
  });

  describe('member scope and roles (nothing written)', () => {
    const refused: [string, number, () => [string, 'smg' | 'reviewer' | 'ops', object]][] = [
      ["a Semarang key adding to another member's plan", 403, () => [`/admin/plans/${otherPlanId}/commitments`, 'smg', SEMARANG.commitment(2)]],
      ["a Semarang key adding a milestone to another member's commitment", 403, () => [`/admin/commitments/${otherCommitmentId}/milestones`, 'smg', SEMARANG.milestone]],
      ['a Semarang key registering another member', 403, () => ['/admin/members', 'smg', { ...SEMARANG.member, memberId: 'bandung' }]],
      ['a Semarang key recording a forum for another member', 403, () => ['/admin/members/jakarta/forum-meetings', 'smg', SEMARANG.forum('2021-04-20')]],
      ['a reviewer issuing an admin command', 403, () => [`/admin/commitments/${commitmentId}/milestones`, 'reviewer', SEMARANG.milestone]],
      ['an admin verifying a claim', 403, () => [`/review/commitments/${commitmentId}/claims/c-1/verification`, 'ops', { version: 1, reason: 'x' }]],
      ['an admin assessing a plan', 403, () => [`/review/plans/${planId}/inception-assessment`, 'ops', { assessedOn: '2021-09-20', reportUrl: 'https://ogp.org/r', summary: 'x' }]],
    ];

    it.each(refused)('%s -> %d', async (_name, status, make) => {
      const [path, who, body] = make();
      const before = await api.head();
      const res = await post(path, who === 'smg' ? smg : who === 'ops' ? ops : reviewer, body);
      expect(res.status).toBe(status);
      expect(await api.head()).toBe(before);
      // The refusal does not tell which member owns a plan or commitment it names.
      expect(res.body.detail).not.toContain('jakarta');
    });

    it('refuses a Semarang key every admin command on another member, its plan or its commitment (403, nothing written)', async () => {
      const docs = (await request(api.http).get('/docs-json').expect(200)).body as unknown;
      const routes = documentedRoutes(docs).filter(([method, template]) => method === 'POST' && template.startsWith('/admin/'));
      expect(routes.length).toBeGreaterThanOrEqual(18);
      const ids = { memberId: 'jakarta', planId: otherPlanId, commitmentId: otherCommitmentId, milestoneId: 'm-1', claimId: 'c-1', unique: 'scope' };
      const answers: string[] = [];
      for (const [method, template] of routes) {
        const body = COMMAND_BODIES[`${method} ${template}`];
        expect({ template, body: typeof body }).toEqual({ template, body: 'function' });
        const before = await api.head();
        const res = await post(fillPath(template, ids), smg, body!(ids));
        answers.push(`${template} ${res.status} ${res.body.code}`);
        expect(await api.head()).toBe(before);
      }
      expect(answers.filter((a) => !a.endsWith(' 403 access.outside-member-scope'))).toEqual([]);
    });

    it('lets the Semarang key act on its own commitment', async () => {
      const res = await post(`/admin/commitments/${commitmentId}/milestones`, smg, { ...SEMARANG.milestone, title: 'Train agency information officers' });
      expect(res.status).toBe(201);
    });
  });
});
