// A Semarang action plan through the admin and review routes, from registration to an end-of-commitment assessment,
// checking answers, ETags and the audit metadata of the events that land in the store.
import { COMMAND_TYPES } from '@ogp/domain';
import request from 'supertest';
import { SEMARANG, startCommandApi, type CommandApi } from './command-api.fixtures';

const idOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

describe('command API lifecycle (e2e, Semarang)', () => {
  let api: CommandApi;
  let admin: string;
  let reviewer: string;

  const post = (path: string, key: string, body: object, correlationId?: string) => {
    const req = request(api.http).post(path).set('Authorization', `Bearer ${key}`);
    if (correlationId !== undefined) req.set('X-Correlation-Id', correlationId);
    return req.send(body);
  };

  beforeAll(async () => {
    api = await startCommandApi();
    admin = await api.key({ role: 'admin', name: 'Semarang ops', member: 'semarang' });
    reviewer = await api.key({ role: 'reviewer', name: 'OGP Support Unit' });
  });
  afterAll(() => api.close());

  it('runs a plan from registration to verified and disputed claims and an end-of-commitment assessment', async () => {
    const registered = await post('/admin/members', admin, SEMARANG.member, 'corr-register-1');
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ stream: 'member-semarang', revision: '0', eventTypes: ['MemberRegistered'] });
    expect(registered.headers.etag).toBe('"0"');
    expect(registered.body.position).toMatch(/^\d+\/\d+$/);

    const forum = await post('/admin/members/semarang/forum-meetings', admin, SEMARANG.forum('2021-04-20'));
    expect(forum.status).toBe(201);
    expect(forum.body).toMatchObject({ stream: 'member-semarang', revision: '1', eventTypes: ['ForumMeetingRecorded'] });
    expect(forum.headers.etag).toBe('"1"');
    await post('/admin/members/semarang/forum-meetings', admin, SEMARANG.forum('2021-07-12')).expect(201);
    await post('/admin/members/semarang/public-information', admin, {
      url: 'https://www.opengovpartnership.org/members/semarang-indonesia/', updatedOn: '2021-07-05', summary: 'Draft plan published for comment',
    }).expect(201);

    const drafted = await post('/admin/members/semarang/plans', admin, SEMARANG.plan);
    expect(drafted.status).toBe(201);
    expect(drafted.body.eventTypes).toEqual(['ActionPlanDrafted']);
    expect(drafted.body.stream).toMatch(/^plan-[0-9a-f-]{36}$/);
    const planId = idOf(drafted.body.stream);

    const commitmentIds: string[] = [];
    for (const n of [1, 2]) {
      const added = await post(`/admin/plans/${planId}/commitments`, admin, SEMARANG.commitment(n));
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ revision: '0', eventTypes: ['CommitmentAdded'] });
      commitmentIds.push(idOf(added.body.stream));
    }
    const [c1, c2] = commitmentIds as [string, string];
    const milestoneIds: string[] = [];
    for (const c of [c1, c2]) {
      const added = await post(`/admin/commitments/${c}/milestones`, admin, SEMARANG.milestone);
      expect(added.status).toBe(201);
      expect(added.body.eventTypes).toEqual(['MilestoneAdded']);
      const events = await api.events(`commitment-${c}`);
      milestoneIds.push((events.at(-1)!.data as { milestoneId: string }).milestoneId);
    }

    const endorsed = await post(`/admin/plans/${planId}/endorsement`, admin, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'], statementUrl: null });
    expect(endorsed.status).toBe(201);
    expect(endorsed.headers.etag).toBe('"1"');
    // The public list (kept per read-model position) has no draft, and shows the plan once it is submitted.
    const published = async () => (await request(api.http).get('/public/plans').expect(200)).body.data as { plan: { entityId: string; status: string } }[];
    expect((await published()).map((p) => p.plan.entityId)).not.toContain(planId);
    const submitted = await post(`/admin/plans/${planId}/submission`, admin, { submittedOn: '2021-07-30' }).expect(201);
    expect(submitted.body.notices).toEqual([]);
    for (let tries = 0; !(await published()).some((p) => p.plan.entityId === planId); tries++) {
      expect(tries).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await published()).find((p) => p.plan.entityId === planId)!.plan.status).toBe('Submitted');
    await post(`/review/plans/${planId}/inception-assessment`, reviewer, {
      assessedOn: '2021-09-20', reportUrl: 'https://www.opengovpartnership.org/documents/semarang-inception-assessment/', summary: 'Relevant and mostly verifiable',
    }).expect(201);
    const started = await post(`/admin/plans/${planId}/implementation`, admin, { startedOn: '2021-08-01' });
    expect(started.status).toBe(201);
    expect(started.body.eventTypes).toEqual(['ImplementationStarted']);

    const progress = (c: string, m: string) => post(`/admin/commitments/${c}/claims`, admin, {
      milestoneId: m, completion: 'Substantial', asOf: '2022-06-30', narrative: 'Standard published; 12 of 16 agencies done', evidence: [SEMARANG.evidence],
    }, 'corr-progress');
    // Progress roll-ups are kept per read-model position: the one read before the claim must not answer after it.
    const rollUps = async (at: string) => {
      const plan = await request(api.http).get(`/audit/plans/${planId}/progress?waitFor=${at}`).set('Authorization', `Bearer ${admin}`).expect(200);
      const commitment = await request(api.http).get(`/audit/commitments/${c1}/progress?waitFor=${at}`).set('Authorization', `Bearer ${admin}`).expect(200);
      return { plan: plan.body.data.progress.ratio as number, commitment: commitment.body.data.ratio as number };
    };
    expect(await rollUps(started.body.position)).toEqual({ plan: 0, commitment: 0 });
    const claim1 = await progress(c1, milestoneIds[0]!);
    expect(claim1.status).toBe(201);
    expect(claim1.body.eventTypes).toEqual(['ProgressReported']);
    const after = await rollUps(claim1.body.position);
    expect(after.commitment).toBeGreaterThan(0);
    expect(after.plan).toBeGreaterThan(0);
    const claim2 = await progress(c2, milestoneIds[1]!);
    expect(claim2.status).toBe(201);
    const claimId1 = (await api.events(`commitment-${c1}`)).at(-1)!.data as { claimId: string; evidence: unknown };
    const claimId2 = (await api.events(`commitment-${c2}`)).at(-1)!.data as { claimId: string };
    expect(claimId1.evidence).toEqual([SEMARANG.evidence]);

    const verified = await post(`/review/commitments/${c1}/claims/${claimId1.claimId}/verification`, reviewer, { version: 1, reason: 'Checked against the PPID report' }, 'corr-verify-1');
    expect(verified.status).toBe(201);
    expect(verified.body.eventTypes).toEqual(['ClaimVerified']);
    expect(verified.headers.etag).toBe(`"${verified.body.revision}"`);
    const disputed = await post(`/review/commitments/${c2}/claims/${claimId2.claimId}/dispute`, reviewer, { version: 1, reason: 'Only 4 agencies list their information' });
    expect(disputed.status).toBe(201);
    expect(disputed.body.eventTypes).toEqual(['ClaimDisputed']);

    await post(`/admin/plans/${planId}/end`, admin, { endedOn: '2023-12-31' }).expect(201);
    const assessed = await post(`/review/commitments/${c1}/end-of-commitment-assessment`, reviewer, {
      assessedOn: '2024-02-15', completion: 'Substantial',
      didItOpenGovernment: { 'Access to Information': 'Major', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Marginal', 'Technology and Innovation for Transparency and Accountability': 'Not Applicable' },
      evidence: [SEMARANG.evidence],
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body.eventTypes).toEqual(['EndOfCommitmentAssessed']);

    // The audit trail: who (key id and role), under which correlation id, and why.
    const adminId = (await api.events('member-semarang'))[0]!.metadata.actorId;
    const member = await api.events('member-semarang');
    expect(member.map((e) => e.type)).toEqual(['MemberRegistered', 'ForumMeetingRecorded', 'ForumMeetingRecorded', 'PublicInformationUpdated']);
    expect(member[0]!.metadata).toMatchObject({ actorRole: 'admin', correlationId: 'corr-register-1' });
    expect(member[0]!.metadata.actorId).toMatch(/\S/);
    const commitment1 = await api.events(`commitment-${c1}`);
    expect(commitment1.map((e) => e.type)).toEqual(['CommitmentAdded', 'MilestoneAdded', 'ProgressReported', 'ClaimVerified', 'EndOfCommitmentAssessed']);
    expect(commitment1[2]!.metadata).toMatchObject({ actorId: adminId, actorRole: 'admin', correlationId: 'corr-progress' });
    const verifiedEvent = commitment1[3]!;
    expect(verifiedEvent.metadata).toMatchObject({ actorRole: 'reviewer', correlationId: 'corr-verify-1', reason: 'Checked against the PPID report' });
    expect(verifiedEvent.metadata.actorId).not.toBe(adminId);
    expect(verifiedEvent.id).toBe(verified.body.eventIds[0]);
    expect(`${verifiedEvent.position.commit}/${verifiedEvent.position.prepare}`).toBe(verified.body.position);
    const plan = await api.events(`plan-${planId}`);
    expect(plan.map((e) => e.type)).toEqual(['ActionPlanDrafted', 'ActionPlanEndorsed', 'ActionPlanSubmitted', 'InceptionAssessmentRecorded', 'ImplementationStarted', 'ActionPlanEnded']);
  });

  it('documents every admin and review route in OpenAPI with its problems', async () => {
    const res = await request(api.http).get('/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, { post?: { tags?: string[]; responses: Record<string, unknown>; security?: unknown[] } }>;
    const commandPaths = Object.keys(paths).filter((p) => p.startsWith('/admin/') || p.startsWith('/review/'));
    expect(commandPaths).toHaveLength(COMMAND_TYPES.length);
    for (const path of commandPaths) {
      const post = paths[path]!.post!;
      expect(post.tags).toEqual([path.startsWith('/admin/') ? 'admin' : 'review']);
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422', '429']));
      // If-Match applies to a command on an existing entity (412), and each one but registering names an entity that may be missing (404).
      const creates = ['/admin/members', '/admin/members/{memberId}/plans', '/admin/plans/{planId}/commitments'].includes(path);
      expect([path, '412' in post.responses, '404' in post.responses]).toEqual([path, !creates, path !== '/admin/members']);
      expect(post.security).toBeDefined();
    }
    // Every scheme an operation names is defined (else Swagger UI sends no key), and every path id is described.
    type Parameter = { in: string; name: string; description?: string; example?: unknown; schema?: { example?: unknown } };
    const schemes = Object.keys(res.body.components.securitySchemes as object);
    const operations = Object.values(res.body.paths as Record<string, Record<string, { security?: object[]; parameters?: Parameter[] }>>).flatMap((item) => Object.values(item));
    const undocumented = new Set<string>();
    for (const operation of operations) {
      for (const requirement of operation.security ?? []) expect(schemes).toEqual(expect.arrayContaining(Object.keys(requirement)));
      for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'path')) {
        if (parameter.description === undefined || (parameter.example ?? parameter.schema?.example) === undefined) undocumented.add(parameter.name);
      }
    }
    expect([...undocumented]).toEqual([]);
  });
});
