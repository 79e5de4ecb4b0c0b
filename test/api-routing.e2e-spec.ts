// What the real app answers before any controller runs: a request that needs a key without a valid one is refused
// before its body is read (401, whatever the body), and a known path asked with a method it does not serve is a 405
// with Allow (an unknown path stays a 404). Every refused request must leave the store's head where it was.
import { KEY_STORE, type KeyStore } from '@ogp/tracker';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import request from 'supertest';
import { SEMARANG, startCommandApi, type CommandApi } from './command-api.fixtures';

const PROBLEM = 'urn:ogp-ledger:problem:';

function expectProblem(response: request.Response, status: number, code: string): void {
  expect([response.status, response.headers['content-type']]).toEqual([
    status,
    expect.stringMatching(/^application\/problem\+json/),
  ]);
  expect(response.body).toMatchObject({
    type: `${PROBLEM}${code}`,
    status,
    code,
    instance: expect.any(String),
    correlationId: expect.any(String),
  });
  expect(response.body.detail).toEqual(expect.stringMatching(/\S/));
}

describe('API routing before the controllers (e2e)', () => {
  let api: CommandApi;
  let ops: string;
  let revoked: string;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  const malformed = (path: string, headers: Record<string, string>) =>
    request(api.http).post(path).set(headers).set('Content-Type', 'application/json').send('{"memberId":');

  beforeAll(async () => {
    api = await startCommandApi({ BODY_LIMIT_BYTES: 2048 });
    ops = await api.key({ role: 'admin', name: 'ops' });
    revoked = await api.key({ role: 'admin', name: 'gone' });
  });
  afterAll(() => api.close());

  describe('a route that needs a key, sent malformed JSON', () => {
    const callers: [string, () => Record<string, string>][] = [
      ['no key', () => ({})],
      ['a token that is no key', () => bearer('nonsense')],
      ['an unknown key', () => bearer(`ogp_0000000000000000_${'A'.repeat(43)}`)],
      ['another scheme', () => ({ Authorization: 'Basic b3BzOnNlY3JldA==' })],
    ];

    it.each(callers)(
      'answers 401 to %s, as the guard does, without reading the body, and writes nothing',
      async (_name, headers) => {
        const before = await api.head();
        const response = await malformed('/admin/members', { ...headers(), 'X-Correlation-Id': 'early-401' });
        expectProblem(response, 401, 'unauthorized');
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect([response.headers['x-correlation-id'], response.body.correlationId]).toEqual([
          'early-401',
          'early-401',
        ]);
        expect(await api.head()).toBe(before);
      },
    );

    it('answers 401 to a revoked key', async () => {
      const keys = api.app.get<KeyStore>(KEY_STORE);
      const record = (await keys.list()).find((k) => k.name === 'gone')!;
      expect(await keys.revoke(record.id)).toBe(true);
      const before = await api.head();
      expectProblem(await malformed('/admin/members', bearer(revoked)), 401, 'unauthorized');
      expect(await api.head()).toBe(before);
    });

    it('answers 400 malformed-json to a valid admin key, as before, and writes nothing', async () => {
      const before = await api.head();
      expectProblem(await malformed('/admin/members', bearer(ops)), 400, 'malformed-json');
      expect(await api.head()).toBe(before);
    });

    it('refuses before the body is read: a body too large or not JSON gets 401, not 413 or 415', async () => {
      const big = await request(api.http)
        .post('/admin/members')
        .send({ ...SEMARANG.member, name: 'x'.repeat(4000) });
      expectProblem(big, 401, 'unauthorized');
      const text = await request(api.http)
        .post('/admin/members')
        .set('Content-Type', 'text/plain')
        .send('memberId=semarang');
      expectProblem(text, 401, 'unauthorized');
      // With a key, the body's own problems, as before.
      expectProblem(
        await request(api.http)
          .post('/admin/members')
          .set(bearer(ops))
          .send({ ...SEMARANG.member, name: 'x'.repeat(4000) }),
        413,
        'payload-too-large',
      );
      expectProblem(
        await request(api.http)
          .post('/admin/members')
          .set(bearer(ops))
          .set('Content-Type', 'text/plain')
          .send('x'),
        415,
        'unsupported-media-type',
      );
    });

    it("refuses a key that may not call the route after the body, as before (403 is the guard's)", async () => {
      const reviewer = await api.key({ role: 'reviewer', name: 'IRM' });
      expectProblem(await malformed('/admin/members', bearer(reviewer)), 400, 'malformed-json');
      expectProblem(
        await request(api.http).post('/admin/members').set(bearer(reviewer)).send(SEMARANG.member),
        403,
        'forbidden',
      );
    });

    it('counts the early 401 under its route in the metrics, as other 401s', async () => {
      await malformed('/admin/members/semarang/plans', {});
      const metrics = await request(api.http).get('/metrics');
      expect(metrics.text).toContain(
        'ogp_http_requests_total{route="/admin/members/:memberId/plans",method="POST",status="401"}',
      );
    });
  });

  describe('a public route', () => {
    it('answers whatever key is sent, or none, as before', async () => {
      for (const headers of [{}, bearer('nonsense'), bearer(`ogp_0000000000000000_${'A'.repeat(43)}`)]) {
        expect((await request(api.http).get('/health/live').set(headers)).status).toBe(200);
        expect((await request(api.http).get('/ledger/public-key').set(headers)).status).toBe(200);
        expect((await request(api.http).get('/public/plans').set(headers)).status).toBe(200);
      }
    });
  });

  describe('a known path asked with another method', () => {
    it.each([
      ['DELETE', '/admin/members', 'POST'],
      ['GET', '/admin/members', 'POST'],
      ['PUT', '/audit/events', 'GET, HEAD'],
      ['POST', '/audit/events?after=1', 'GET, HEAD'],
      ['PATCH', '/admin/plans/semarang-2021/submission', 'POST'],
      ['DELETE', '/ledger/checkpoints', 'POST'],
      // A public read answers browsers' preflight requests (OPTIONS, CORS); a keyed one does not.
      ['POST', '/ledger/proofs/inclusion', 'GET, HEAD, OPTIONS'],
      ['OPTIONS', '/audit/events', 'GET, HEAD'],
      ['DELETE', '/docs-json', 'GET, HEAD'],
    ])(
      '%s %s answers 405 with Allow: %s, with or without a key, and writes nothing',
      async (method, path, allow) => {
        for (const headers of [{}, bearer(ops)]) {
          const before = await api.head();
          const response = await request(api.http)[method.toLowerCase() as 'get'](path).set(headers);
          expectProblem(response, 405, 'method-not-allowed');
          expect(response.headers.allow).toBe(allow);
          expect(await api.head()).toBe(before);
        }
      },
    );

    it('answers 404 for an unknown path, whatever the method', async () => {
      for (const [method, path] of [
        ['PUT', '/audit/feed'],
        ['GET', '/audit/feed'],
        ['DELETE', '/no/such/route'],
        ['GET', '/admin'],
      ]) {
        const response = await request(api.http)[method!.toLowerCase() as 'get'](path!).set(bearer(ops));
        expectProblem(response, 404, 'not-found');
        expect(response.headers.allow).toBeUndefined();
      }
    });

    it('answers 404, not 405, where a route would match only with an empty path parameter', async () => {
      // POST /admin/members/{memberId}/plans does not take an empty memberId (Nest sends it to the not-found handler).
      expectProblem(
        await request(api.http).delete('/admin/members//plans').set(bearer(ops)),
        404,
        'not-found',
      );
      expectProblem(
        await request(api.http).post('/admin/members//plans').set(bearer(ops)).send(SEMARANG.plan),
        404,
        'not-found',
      );
    });

    it.each([
      ['GET', '/audit/entities/%E0%A4%A'],
      ['GET', '/audit/plans/%'],
      ['POST', '/admin/plans/%zz/submission'],
    ])('answers 400 problem+json with the correlation id to %s %s, a path that cannot be decoded', async (method, path) => {
      const response = await request(api.http)[method.toLowerCase() as 'get'](path).set(bearer(ops)).set('X-Correlation-Id', 'bad-path');
      expectProblem(response, 400, 'bad-request');
      expect(response.body).toMatchObject({ instance: path, detail: expect.stringContaining('%25') });
      expect([response.headers['x-correlation-id'], response.body.correlationId]).toEqual(['bad-path', 'bad-path']);
    });

    it('answers 400 problem+json to a path parameter longer than the router takes', async () => {
      const response = await request(api.http).get(`/audit/plans/${'a'.repeat(101)}`).set(bearer(ops));
      expectProblem(response, 400, 'bad-request');
      expect(response.headers['x-correlation-id']).toBe(response.body.correlationId);
    });

    it('still answers HEAD for GET routes, the OpenAPI document included, and HEAD needs a key where GET does', async () => {
      expect((await request(api.http).head('/ledger/public-key')).status).toBe(200);
      expect((await request(api.http).head('/docs-json')).status).toBe(200);
      expect((await request(api.http).get('/docs-json')).status).toBe(200);
      expect((await request(api.http).head('/audit/events')).status).toBe(401);
      expect((await request(api.http).head('/audit/events').set(bearer(ops))).status).toBe(200);
    });
  });

  describe('a request Node\'s HTTP parser refuses', () => {
    /** Writes raw bytes to a listening server and reads the whole answer (the server closes the connection). */
    async function raw(bytes: Buffer): Promise<string> {
      const server = api.http;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        return await new Promise<string>((resolve, reject) => {
          const chunks: Buffer[] = [];
          const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
          socket.on('data', (chunk: Buffer) => chunks.push(chunk)).on('error', reject).on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
    const bodyOf = (answer: string): Record<string, unknown> => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

    it('answers raw non-ASCII bytes in the request line with a problem+json 400 (percent-encoding advised)', async () => {
      const answer = await raw(Buffer.concat([Buffer.from('GET /public/plans?member=sem'), Buffer.from([0xc3, 0xa4]), Buffer.from('rang HTTP/1.1\r\nHost: x\r\n\r\n')]));
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
      expect(bodyOf(answer)).toMatchObject({ type: 'urn:ogp-ledger:problem:bad-request', status: 400, code: 'bad-request', detail: expect.stringContaining('percent-encode'), correlationId: expect.any(String) });
    });

    it('answers headers over the limit with a problem+json 431', async () => {
      const answer = await raw(Buffer.from(`GET /public/plans HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`));
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
      expect(bodyOf(answer)).toMatchObject({ code: 'headers-too-large', status: 431, title: 'The request headers are too large' });
    });
  });
});
