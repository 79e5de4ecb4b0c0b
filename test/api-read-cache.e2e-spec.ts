// The read cache in the real app: repeated reads are answered before Nest's pipeline, yet every answer is what the
// pipeline would give now: after a write, to a revoked key, to a key scoped to another member.
import { KEY_STORE, type KeyStore, parseApiKey } from '@ogp/tracker';
import request from 'supertest';
import { SEMARANG, startCommandApi, type CommandApi } from './command-api.fixtures';

const idOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

describe('read cache (e2e)', () => {
  let api: CommandApi;
  let ops: string;
  let auditor: string;
  let planId: string;
  let position: string;

  const get = (path: string, key?: string) => {
    const req = request(api.http).get(path);
    return key === undefined ? req : req.set('Authorization', `Bearer ${key}`);
  };
  const post = (path: string, body: object) => request(api.http).post(path).set('Authorization', `Bearer ${ops}`).send(body).expect(201);
  const hits = async (): Promise<number> => {
    const text = (await get('/metrics').expect(200)).text;
    return Number(/^ogp_read_cache_hits_total (\d+)$/m.exec(text)?.[1]);
  };

  beforeAll(async () => {
    api = await startCommandApi();
    ops = await api.key({ role: 'admin', name: 'ops' });
    auditor = await api.key({ role: 'auditor', name: 'TII' });
    await post('/admin/members', SEMARANG.member);
    const drafted = await post('/admin/members/semarang/plans', SEMARANG.plan);
    planId = idOf(drafted.body.stream);
    position = drafted.body.position;
    // Read-your-writes: the read models reflect the draft from here on.
    await get(`/audit/plans/${planId}?waitFor=${position}`, auditor).expect(200);
  });
  afterAll(() => api.close());

  it('answers a repeated read from the cache: the same body and ETag, the request’s own correlation id', async () => {
    const before = await hits();
    const first = await get(`/audit/plans/${planId}`, auditor).set('X-Correlation-Id', 'first').expect(200);
    const second = await get(`/audit/plans/${planId}`, auditor).set('X-Correlation-Id', 'second').expect(200);
    expect(await hits()).toBe(before + 1);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['x-correlation-id']).toBe('second');
    expect(second.body.data.state.endorsement).toBeNull();
  });

  it('counts cached answers in the request metrics by route', async () => {
    await get(`/audit/plans/${planId}`, auditor).expect(200);
    const text = (await get('/metrics').expect(200)).text;
    expect(text).toMatch(/^ogp_http_requests_total\{route="\/audit\/:collection\/:id",method="GET",status="200"\} [1-9]/m);
  });

  it('answers what the read models hold after a write, never the answer kept before it', async () => {
    await get(`/audit/plans/${planId}`, auditor).expect(200);
    const endorsed = await post(`/admin/plans/${planId}/endorsement`, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] });
    await get(`/audit/plans/${planId}?waitFor=${endorsed.body.position}`, auditor).expect(200);
    const now = await get(`/audit/plans/${planId}`, auditor).expect(200);
    expect(now.body.data.state.endorsement).toEqual({ endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'], statementUrl: null });
    expect(now.headers.etag).toBe(`"${endorsed.body.revision}"`);
    expect(now.body.position).toBe(endorsed.body.position);
  });

  it('gives a key scoped to another member the pipeline’s 404, not the answer kept for another key', async () => {
    await get(`/audit/plans/${planId}`, auditor).expect(200);
    const jakarta = await api.key({ role: 'admin', name: 'Jakarta', member: 'jakarta' });
    const before = await hits();
    const res = await get(`/audit/plans/${planId}`, jakarta);
    expect(res.status).toBe(404);
    expect(await hits()).toBe(before);
  });

  it('refuses a revoked key at once, though its answer was kept', async () => {
    const tii = await api.key({ role: 'auditor', name: 'TII (to revoke)' });
    await get(`/audit/plans/${planId}/progress`, tii).expect(200);
    await get(`/audit/plans/${planId}/progress`, tii).expect(200);
    await api.app.get<KeyStore>(KEY_STORE).revoke(parseApiKey(tii)!.id);
    const res = await get(`/audit/plans/${planId}/progress`, tii);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('never keeps compliance, whose verdicts depend on the clock', async () => {
    const before = await hits();
    await get('/audit/members/semarang/compliance', auditor).expect(200);
    await get('/audit/members/semarang/compliance', auditor).expect(200);
    expect(await hits()).toBe(before);
  });

  it('shares the public list of plans between callers without a key', async () => {
    await get('/public/plans').expect(200);
    const before = await hits();
    const again = await get('/public/plans').expect(200);
    expect(await hits()).toBe(before + 1);
    expect(again.body.data).toEqual([]);
  });
});
