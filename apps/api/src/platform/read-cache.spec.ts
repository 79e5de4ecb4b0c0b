// ReadCache on a bare Fastify instance behind the app's key check (authenticateBeforeBody: 401 without a valid key),
// a preHandler standing for Nest's pipeline (403 for the wrong role); each route counts how often the pipeline answered.
import type { KeyStore, Principal } from '@ogp/tracker';
import fastify, { type FastifyError, type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { authenticateBeforeBody } from './authentication';
import { ProblemException } from './problem.exception';
import { problemFor } from './problem-table';
import { ReadCache, type ReadCacheLimits } from './read-cache';
import { CORRELATION_ID_HEADER } from './request-context';

// Well-formed keys (parseApiKey): ogp_<16 hex digit id>_<43-character secret>.
const key = (id: string, secret: string): string => `ogp_${id.repeat(16)}_${secret.repeat(43)}`;
const AUDITOR = key('1', 'a');
const OTHER_AUDITOR = key('2', 'b');
const AUDITOR_WRONG_SECRET = key('1', 'z');
const ADMIN = key('3', 'c');

class FakeKeys {
  readonly principals = new Map<string, Principal>([
    [AUDITOR, { keyId: '1'.repeat(16), role: 'auditor', name: 'TII', member: null }],
    [OTHER_AUDITOR, { keyId: '2'.repeat(16), role: 'auditor', name: 'PATTIRO', member: null }],
    [ADMIN, { keyId: '3'.repeat(16), role: 'admin', name: 'ops', member: null }],
  ]);
  failing = false;
  calls = 0;

  async authenticate(token: string): Promise<Principal | null> {
    this.calls++;
    if (this.failing) throw new Error('access.sqlite is locked');
    return this.principals.get(token) ?? null;
  }
}

interface Harness {
  readonly app: FastifyInstance;
  readonly keys: FakeKeys;
  readonly cache: ReadCache;
  readonly runs: Map<string, number>;
  position: string | null;
  /** What the entity route answers (its body's `data`). */
  state: string;
  /** Set to move the read models on while the next request is being answered. */
  moveWhileRunning: string | null;
  get(url: string, key?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

async function harness(limits: Partial<ReadCacheLimits> = {}, onHit?: () => void): Promise<Harness> {
  const app = fastify({ genReqId: (request) => String(request.headers[CORRELATION_ID_HEADER] ?? 'generated') });
  const keys = new FakeKeys();
  const runs = new Map<string, number>();
  const h: Harness = {
    app,
    keys,
    runs,
    position: '10/10',
    state: 'Draft',
    moveWhileRunning: null,
    cache: undefined as unknown as ReadCache,
    get: (url, key, headers = {}) => app.inject({ method: 'GET', url, headers: { ...headers, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) } }),
  };
  const cache = new ReadCache({ position: () => h.position, limits, ...(onHit === undefined ? {} : { onHit }) });
  (h as { cache: ReadCache }).cache = cache;
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_ID_HEADER, request.id);
    done();
  });
  authenticateBeforeBody(app, keys as unknown as KeyStore);
  cache.install(app);
  // The problem filter's statuses.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    void reply.code(error instanceof ProblemException ? problemFor(error, { hadIfMatch: false }).status : (error.statusCode ?? 500)).send({ message: error.message });
  });
  // The pipeline: the guard's role check (the key was checked before), then the handler.
  const guarded = (roles: readonly string[] | null) => async (request: import('fastify').FastifyRequest) => {
    runs.set(request.routeOptions.url!, (runs.get(request.routeOptions.url!) ?? 0) + 1);
    if (roles !== null && !roles.includes(request.principal!.role)) throw Object.assign(new Error('forbidden'), { statusCode: 403 });
  };
  const answer = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const position = h.position;
    if (h.moveWhileRunning !== null) [h.position, h.moveWhileRunning] = [h.moveWhileRunning, null];
    void reply.header('etag', '"3"');
    return { position, data: { state: h.state, url: request.url, by: request.principal?.keyId ?? null } };
  };
  // As markRoutesNeedingKey marks the app's routes.
  const cached = { ogpCachedRead: true, ogpKeyRequired: true };
  app.get('/audit/plans/:id', { config: cached, preHandler: guarded(['auditor', 'reviewer']) }, answer);
  app.get('/audit/missing', { config: cached, preHandler: guarded(['auditor']) }, async (_request, reply) => reply.code(404).send({ code: 'read.entity-not-found' }));
  app.get('/audit/compliance', { config: { ogpKeyRequired: true }, preHandler: guarded(['auditor']) }, answer);
  app.get('/public/plans', { config: { ogpCachedRead: true, ogpKeyRequired: false }, preHandler: guarded(null) }, answer);
  app.get('/audit/big', { config: cached, preHandler: guarded(['auditor']) }, async () => ({ data: 'x'.repeat(2_000) }));
  await app.ready();
  return h;
}

describe('ReadCache', () => {
  describe('given an answer the pipeline gave a key for a URL', () => {
    it('answers the same key and URL again without the pipeline: same body and headers, its own correlation id', async () => {
      const h = await harness();
      const first = await h.get('/audit/plans/p1', AUDITOR, { [CORRELATION_ID_HEADER]: 'first' });
      const second = await h.get('/audit/plans/p1', AUDITOR, { [CORRELATION_ID_HEADER]: 'second' });
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(h.runs.get('/audit/plans/:id')).toBe(1);
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe('"3"');
      expect(second.headers['content-type']).toBe(first.headers['content-type']);
      expect(second.headers[CORRELATION_ID_HEADER]).toBe('second');
      expect(h.cache.size).toBe(1);
    });

    it('runs the pipeline for another key of the same role, which gets its own answer', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      const other = await h.get('/audit/plans/p1', OTHER_AUDITOR);
      expect(other.statusCode).toBe(200);
      expect(other.json().data.by).toBe('2'.repeat(16));
      expect(h.runs.get('/audit/plans/:id')).toBe(2);
    });

    it('runs the pipeline for another URL, a query string included', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      await h.get('/audit/plans/p1?asOf=2022-01-01T00:00:00.000Z', AUDITOR);
      await h.get('/audit/plans/p2', AUDITOR);
      expect(h.runs.get('/audit/plans/:id')).toBe(3);
    });

    it('refuses the key once the key store refuses it (revoked): the pipeline answers 401', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      h.keys.principals.delete(AUDITOR);
      expect((await h.get('/audit/plans/p1', AUDITOR)).statusCode).toBe(401);
    });

    it('does not serve the same key id with a wrong secret, nor a request without a key', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      expect((await h.get('/audit/plans/p1', AUDITOR_WRONG_SECRET)).statusCode).toBe(401);
      expect((await h.get('/audit/plans/p1')).statusCode).toBe(401);
      expect((await h.get('/audit/plans/p1', 'not-a-key')).statusCode).toBe(401);
    });

    it('checks a key before looking for its answers: a wrong secret costs the same whether an answer is kept or not', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      const calls = async (url: string): Promise<number> => {
        const before = h.keys.calls;
        expect((await h.get(url, AUDITOR_WRONG_SECRET)).statusCode).toBe(401);
        return h.keys.calls - before;
      };
      expect(await calls('/audit/plans/p1')).toBe(await calls('/audit/plans/p9'));
    });

    it('answers, and leaves no unhandled rejection, when something fails after the answer is sent', async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown): void => void rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      try {
        const h = await harness({}, () => {
          throw new Error('metrics registry gone');
        });
        const first = await h.get('/audit/plans/p1', AUDITOR);
        const second = await h.get('/audit/plans/p1', AUDITOR);
        expect(second.statusCode).toBe(200);
        expect(second.body).toBe(first.body);
        await new Promise((resolve) => setImmediate(resolve));
        expect(rejections).toEqual([]);
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    });

    it('leaves a key of a role the route refuses to the pipeline (403)', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      expect((await h.get('/audit/plans/p1', ADMIN)).statusCode).toBe(403);
    });

    it('serves nothing kept when the key store fails: the key check answers 500, as the guard would', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      h.keys.failing = true;
      expect((await h.get('/audit/plans/p1', AUDITOR)).statusCode).toBe(500);
      expect(h.runs.get('/audit/plans/:id')).toBe(1);
      expect(h.cache.size).toBe(1);
    });

    it('answers HEAD through the pipeline', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      await h.app.inject({ method: 'HEAD', url: '/audit/plans/p1', headers: { authorization: `Bearer ${AUDITOR}` } });
      expect(h.runs.get('/audit/plans/:id')).toBe(2);
    });
  });

  describe('when the read models move on', () => {
    it('drops every answer and serves what the pipeline reads now', async () => {
      const h = await harness();
      await h.get('/audit/plans/p1', AUDITOR);
      h.position = '11/11';
      h.state = 'Endorsed';
      const after = await h.get('/audit/plans/p1', AUDITOR);
      expect(after.json()).toMatchObject({ position: '11/11', data: { state: 'Endorsed' } });
      expect(h.runs.get('/audit/plans/:id')).toBe(2);
      expect((await h.get('/audit/plans/p1', AUDITOR)).json().data.state).toBe('Endorsed');
      expect(h.runs.get('/audit/plans/:id')).toBe(2);
    });

    it('keeps no answer of a request during which they moved', async () => {
      const h = await harness();
      h.moveWhileRunning = '11/11';
      await h.get('/audit/plans/p1', AUDITOR);
      await h.get('/audit/plans/p1', AUDITOR);
      expect(h.runs.get('/audit/plans/:id')).toBe(2);
    });
  });

  describe('what is never kept', () => {
    it('answers other than 200', async () => {
      const h = await harness();
      await h.get('/audit/missing', AUDITOR);
      await h.get('/audit/missing', AUDITOR);
      expect(h.runs.get('/audit/missing')).toBe(2);
      await h.get('/audit/plans/p1', ADMIN);
      await h.get('/audit/plans/p1', ADMIN);
      expect(h.runs.get('/audit/plans/:id')).toBe(2);
      expect(h.cache.size).toBe(0);
    });

    it('answers of routes not marked @CachedRead()', async () => {
      const h = await harness();
      await h.get('/audit/compliance', AUDITOR);
      await h.get('/audit/compliance', AUDITOR);
      expect(h.runs.get('/audit/compliance')).toBe(2);
    });

    it('an answer longer than entryChars', async () => {
      const h = await harness({ entryChars: 1_000 });
      await h.get('/audit/big', AUDITOR);
      await h.get('/audit/big', AUDITOR);
      expect(h.runs.get('/audit/big')).toBe(2);
    });

    it('an answer to a URL longer than urlChars (junk spellings of a read must not crowd the cache)', async () => {
      const h = await harness({ urlChars: 100 });
      const junk = `/public/plans?${'&'.repeat(100)}`;
      await h.get(junk);
      await h.get(junk);
      expect(h.runs.get('/public/plans')).toBe(2);
      expect(h.cache.size).toBe(0);
    });
  });

  it('shares a public route’s answer with every caller, with or without a key', async () => {
    const h = await harness();
    await h.get('/public/plans');
    expect((await h.get('/public/plans', AUDITOR)).statusCode).toBe(200);
    expect((await h.get('/public/plans', 'junk')).statusCode).toBe(200);
    expect(h.runs.get('/public/plans')).toBe(1);
  });

  it('starts over past `entries` answers or `chars` characters (bodies, URLs and headers)', async () => {
    const h = await harness({ entries: 2 });
    for (const id of ['p1', 'p2', 'p3']) await h.get(`/audit/plans/${id}`, AUDITOR);
    expect(h.cache.size).toBe(1);
    await h.get('/audit/plans/p3', AUDITOR);
    expect(h.runs.get('/audit/plans/:id')).toBe(3);

    const small = await harness({ chars: 250 });
    await small.get('/audit/plans/p1', AUDITOR);
    await small.get('/audit/plans/p2', AUDITOR);
    expect(small.cache.size).toBe(1);
  });
});
