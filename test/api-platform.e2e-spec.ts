// End-to-end: the HTTP platform (keys and roles, problem+json, If-Match/ETag, Idempotency-Key, limits, operations)
// through a test-only controller on the real app with a temporary DATA_DIR.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import request from 'supertest';
import type { Server } from 'node:http';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type Subscription,
  WrongExpectedVersionError,
} from '@ogp/event-store';
import {
  assertMemberScope,
  CLOCK,
  type CommandContext,
  type CreatedApiKey,
  FixedClock,
  IDEMPOTENCY_STORE,
  type IdempotencyStore,
  KEY_STORE,
  type KeyStore,
  type Principal,
} from '@ogp/tracker';
import { createApp } from '../apps/api/src/app.factory';
import { CommandId, CorrelationId, CurrentCommand, CurrentPrincipal } from '../apps/api/src/platform/request.decorators';
import { type ETagSetter, IfMatch, ResponseETag } from '../apps/api/src/platform/etag';
import { Roles } from '../apps/api/src/platform/access.decorators';
import { Idempotent } from '../apps/api/src/platform/idempotency.guard';

async function* nothing(): AsyncGenerator<never> {}

/**
 * An empty event store that answers headPosition (or fails to, on demand): enough for the platform. Reads are empty
 * and a subscription waits until closed, as the read models and the ledger log of the real app expect.
 */
class StubEventStore implements EventStore {
  healthy = true;
  async append(): Promise<never> {
    throw new Error('not used');
  }
  readStream(): AsyncIterable<never> {
    return nothing();
  }
  readAll(): AsyncIterable<never> {
    return nothing();
  }
  subscribeToAll(): Subscription {
    let release: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (release = resolve));
    return {
      async close() {
        release();
      },
      [Symbol.asyncIterator]: () => ({ next: async () => (await closed, { done: true as const, value: undefined }) }),
    };
  }
  async headPosition(): Promise<Position | null> {
    if (!this.healthy) throw new Error('disk on fire at /var/secret');
    return null;
  }
  async close(): Promise<void> {}
}

class CreateThingRequest {
  @IsString()
  @MaxLength(100)
  title!: string;

  @IsOptional()
  @IsInt()
  count?: number;
}

class PlanConflict extends Error {
  readonly code = 'plan.not-draft';
  readonly kind = 'conflict';
  readonly details = { planId: 'semarang-2021' };
}

const calls = { create: 0 };

/** The 'slow' command waits at this gate until the test opens it, so that "in flight" never depends on timing. */
const gate = {
  open: Promise.resolve(),
  release: () => undefined as void,
  entered: 0,
  close(): void {
    this.open = new Promise<void>((resolve) => (this.release = resolve));
  },
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

@Controller('test/things')
class ThingsController {
  @Post()
  @Idempotent()
  @Roles('admin')
  async create(
    @Body() body: CreateThingRequest,
    @CurrentPrincipal() principal: Principal,
    @CommandId() commandId: string,
    @CorrelationId() correlationId: string,
    @IfMatch() expected: ExpectedRevision | undefined,
    @ResponseETag() setETag: ETagSetter,
    @CurrentCommand() command: CommandContext,
  ): Promise<object> {
    calls.create++;
    switch (body.title) {
      case 'stale':
        throw new WrongExpectedVersionError('thing-1', expected ?? 'any', 4n);
      case 'duplicate':
        throw new DuplicateEventIdError('0b7d8d4e-0000-4000-8000-000000000000', 'thing-1');
      case 'domain':
        throw new PlanConflict('The plan is no longer a draft');
      case 'other-member':
        assertMemberScope(principal, 'bojonegoro');
        break;
      case 'boom':
        throw new Error('internal detail: /etc/ogp/secret.key');
      case 'slow':
        gate.entered++;
        await gate.open;
    }
    setETag(5n);
    return { revision: 5n, principal, commandId, correlationId, command, expected: expected === undefined ? null : String(expected), call: calls.create };
  }

  @Post(':id/notes')
  @Roles('admin')
  note(@Param('id') id: string): object {
    return { id };
  }

  // No access decorator: any valid key (deny by default).
  @Post(':id/comments')
  comment(@Param('id') id: string, @Body() body: CreateThingRequest): object {
    return { id, title: body.title };
  }

  @Get(':id')
  @Roles('admin', 'auditor')
  read(@Param('id') id: string, @ResponseETag() setETag: ETagSetter): object {
    setETag(2n);
    return { id };
  }

  @Get()
  anyKey(@CurrentPrincipal() principal: Principal): object {
    return { role: principal.role };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

interface Harness {
  readonly app: NestFastifyApplication;
  readonly http: Server;
  readonly keys: KeyStore;
  readonly announced: CreatedApiKey[];
}

async function start(dataDir: string, store: EventStore, config: Record<string, string | number> = {}): Promise<Harness> {
  const announced: CreatedApiKey[] = [];
  const app = await createApp({
    env: {},
    config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: 2048, ...config },
    clock: new FixedClock('2021-07-30T08:00:00.000Z'),
    eventStore: store,
    announceAdminKey: (created) => announced.push(created),
    imports: [ThingsModule],
    swaggerUi: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: app.getHttpAdapter().getInstance().server, keys: app.get<KeyStore>(KEY_STORE), announced };
}

/** Checks a problem answer (a supertest response, or a Fastify inject answer of the same shape). */
function expectProblem(response: { readonly status: number; readonly headers: Readonly<Record<string, unknown>>; readonly body: Record<string, unknown> }, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: `urn:ogp-ledger:problem:${code}`, status, code });
  expect(typeof response.body.title).toBe('string');
  expect(typeof response.body.instance).toBe('string');
  // Every 4xx says what was wrong with this request (a 500 says nothing, by design).
  if (status < 500) expect(response.body.detail).toEqual(expect.stringMatching(/\S/));
}

describe('API platform (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-'));
  const store = new StubEventStore();
  let h: Harness;
  let admin: string;
  let auditor: string;
  let reviewer: string;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    h = await start(dataDir, store);
    admin = (await h.keys.create({ role: 'admin', name: 'secretariat', member: 'semarang' })).key;
    auditor = (await h.keys.create({ role: 'auditor', name: 'civil society' })).key;
    reviewer = (await h.keys.create({ role: 'reviewer', name: 'IRM' })).key;
  });
  afterAll(async () => {
    await h.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('first start', () => {
    it('created one admin key and announced it', async () => {
      expect(h.announced).toHaveLength(1);
      expect(h.announced[0]!.record.role).toBe('admin');
      await expect(h.keys.authenticate(h.announced[0]!.key)).resolves.toMatchObject({ role: 'admin' });
    });

    it('creates none on a later start when an admin key is active', async () => {
      const again = await start(dataDir, store);
      try {
        expect(again.announced).toHaveLength(0);
      } finally {
        await again.app.close();
      }
    });

    it('creates none once every admin key for every member was revoked (the CLI makes one then)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ogp-api-keys-'));
      try {
        const first = await start(dir, new StubEventStore());
        const scoped = await first.keys.create({ role: 'admin', name: 'Semarang ops', member: 'semarang' });
        await first.app.close();
        const second = await start(dir, new StubEventStore());
        expect(second.announced).toHaveLength(0);
        await second.keys.revoke(first.announced[0]!.record.id);
        await second.app.close();
        const third = await start(dir, new StubEventStore());
        expect(third.announced).toHaveLength(0);
        await expect(third.keys.authenticate(scoped.key)).resolves.toMatchObject({ role: 'admin', member: 'semarang' });
        await third.app.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('access', () => {
    it('answers 401 without a key, with a malformed key and with an unknown key', async () => {
      for (const headers of [{}, bearer('nonsense'), { Authorization: 'Basic abc' }, bearer(`ogp_0000000000000000_${'A'.repeat(43)}`)]) {
        const response = await request(h.http).get('/test/things').set(headers);
        expectProblem(response, 401, 'unauthorized');
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('answers 401 for a revoked key', async () => {
      const created = await h.keys.create({ role: 'auditor', name: 'temp' });
      expect((await request(h.http).get('/test/things').set(bearer(created.key))).status).toBe(200);
      await h.keys.revoke(created.record.id);
      expectProblem(await request(h.http).get('/test/things').set(bearer(created.key)), 401, 'unauthorized');
    });

    it('answers 403 for a role the route does not allow', async () => {
      expectProblem(await request(h.http).post('/test/things').set(bearer(auditor)).send({ title: 'x' }), 403, 'forbidden');
      expectProblem(await request(h.http).get('/test/things/1').set(bearer(reviewer)), 403, 'forbidden');
    });

    it('checks the key before reading the body, on a route without any access decorator too (401, not 400)', async () => {
      const malformed = (path: string, headers: Record<string, string>) =>
        request(h.http).post(path).set(headers).set('Content-Type', 'application/json').send('{"title": ');
      for (const path of ['/test/things', '/test/things/1/comments']) {
        for (const headers of [{}, bearer('nonsense'), bearer(`ogp_0000000000000000_${'A'.repeat(43)}`)]) {
          const response = await malformed(path, headers);
          expectProblem(response, 401, 'unauthorized');
          expect(response.headers['www-authenticate']).toBe('Bearer');
        }
        expectProblem(await malformed(path, bearer(admin)), 400, 'malformed-json');
      }
      expect((await request(h.http).post('/test/things/1/comments').set(bearer(reviewer)).send({ title: 'x' })).body).toEqual({ id: '1', title: 'x' });
    });

    it('lets any valid key through a route without @Roles, and hands the principal to the controller', async () => {
      expect((await request(h.http).get('/test/things').set(bearer(reviewer))).body).toEqual({ role: 'reviewer' });
      const response = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'plain' });
      expect(response.status).toBe(201);
      expect(response.body.principal).toMatchObject({ role: 'admin', name: 'secretariat', member: 'semarang' });
    });
  });

  describe('problem+json', () => {
    it('answers 400 with each field\'s messages for an invalid body, and for unknown properties', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 7, count: 'many', extra: true });
      expectProblem(response, 400, 'validation-failed');
      expect(Object.keys(response.body.errors).sort()).toEqual(['count', 'extra', 'title']);
      expect(response.body.errors.title.join(' ')).toMatch(/string/);
    });

    it('answers 400 for malformed JSON', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).set('Content-Type', 'application/json').send('{"title": ');
      expectProblem(response, 400, 'malformed-json');
    });

    it('answers 400 malformed-json naming the first byte of a body that is not UTF-8 (not a Content-Length mismatch)', async () => {
      // Bytes as they are (supertest would send a Buffer as JSON of its own)
      const send = async (bytes: Buffer) => {
        const answer = await h.app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/test/things', headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: bytes });
        return { status: answer.statusCode, headers: answer.headers, body: answer.json() as Record<string, unknown> };
      };
      // "Café" in Windows-1252, as a Windows client or an Excel export may send it
      const latin1 = await send(Buffer.from('{"title":"Caf\xe9"}', 'latin1'));
      expectProblem(latin1, 400, 'malformed-json');
      expect(latin1.body.detail).toBe('The request body is not valid UTF-8 (byte 0xE9 at offset 13): send JSON text in UTF-8');
      // a replacement character sent as text is text: the offending byte is the one after it
      const after = await send(Buffer.concat([Buffer.from('{"title":"\uFFFD', 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
      expect(after.body.detail).toBe('The request body is not valid UTF-8 (byte 0xC3 at offset 13): send JSON text in UTF-8');
      // UTF-8, with or without a byte order mark, is taken
      expect((await send(Buffer.from('{"title":"Café"}', 'utf8'))).status).toBe(201);
      expect((await send(Buffer.from('\uFEFF{"title":"Café"}', 'utf8'))).status).toBe(201);
    });

    it('answers 400 for __proto__ and constructor.prototype keys', async () => {
      for (const body of ['{"title":"x","__proto__":{"admin":true}}', '{"title":"x","constructor":{"prototype":{"admin":true}}}']) {
        const response = await request(h.http).post('/test/things').set(bearer(admin)).set('Content-Type', 'application/json').send(body);
        expectProblem(response, 400, 'forbidden-property');
      }
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).set('Content-Type', 'text/plain').send('title=x');
      expectProblem(response, 415, 'unsupported-media-type');
    });

    it('answers 413 for a body over BODY_LIMIT_BYTES', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'x'.repeat(4000) });
      expectProblem(response, 413, 'payload-too-large');
    });

    it('answers 404 for an unknown route', async () => {
      expectProblem(await request(h.http).get('/no/such/route').set(bearer(admin)), 404, 'not-found');
    });

    it('maps a domain error by its kind, with its own code', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'domain' });
      expectProblem(response, 409, 'plan.not-draft');
      expect(response.body.detail).toBe('The plan is no longer a draft');
      expect(response.body.details).toEqual({ planId: 'semarang-2021' });
    });

    it('answers 403 when a member-scoped key acts on another member', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'other-member' });
      expectProblem(response, 403, 'access.outside-member-scope');
    });

    it('answers 409 for a version conflict without If-Match, 412 with it', async () => {
      expectProblem(await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'stale' }), 409, 'wrong-expected-version');
      const response = await request(h.http).post('/test/things').set(bearer(admin)).set('If-Match', '"3"').send({ title: 'stale' });
      expectProblem(response, 412, 'precondition-failed');
    });

    it('answers 409 for a clashing event id', async () => {
      expectProblem(await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'duplicate' }), 409, 'duplicate-event-id');
    });

    it('answers 500 without internals, naming the correlation id', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).set('X-Correlation-Id', 'boom-1').send({ title: 'boom' });
      expectProblem(response, 500, 'internal-error');
      expect(JSON.stringify(response.body)).not.toMatch(/secret|etc\/ogp|at /);
      expect(response.body.correlationId).toBe('boom-1');
    });
  });

  describe('ETag and If-Match', () => {
    it('sets ETag on reads and command answers, and serializes bigint revisions as strings', async () => {
      expect((await request(h.http).get('/test/things/9').set(bearer(auditor))).headers.etag).toBe('"2"');
      const response = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'x' });
      expect(response.headers.etag).toBe('"5"');
      expect(response.body.revision).toBe('5');
    });

    it('hands the expected revision from If-Match to the controller', async () => {
      const exact = await request(h.http).post('/test/things').set(bearer(admin)).set('If-Match', '"3"').send({ title: 'x' });
      expect(exact.body.expected).toBe('3');
      const any = await request(h.http).post('/test/things').set(bearer(admin)).set('If-Match', '*').send({ title: 'x' });
      expect(any.body.expected).toBe('exists');
    });

    it('answers 400 for a malformed If-Match', async () => {
      expectProblem(await request(h.http).post('/test/things').set(bearer(admin)).set('If-Match', 'W/"3"').send({ title: 'x' }), 400, 'invalid-header');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer to a retry and runs nothing, with a command id derived from the key', async () => {
      const send = () => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-1').send({ title: 'x', count: 1 });
      const first = await send();
      const before = calls.create;
      const retry = await send();
      expect(calls.create).toBe(before);
      expect(retry.status).toBe(first.status);
      // The very bytes first sent, with their content type and ETag.
      expect(retry.text).toBe(first.text);
      expect(retry.headers['content-type']).toBe(first.headers['content-type']);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(retry.headers['idempotent-replayed']).toBe('true');

      const other = await request(h.http).post('/test/things').set(bearer(admin)).send({ title: 'x', count: 1 });
      expect(other.body.commandId).not.toBe(first.body.commandId);
    });

    it('gives the same Idempotency-Key of another API key its own command id', async () => {
      const otherAdmin = (await h.keys.create({ role: 'admin', name: 'second' })).key;
      const a = await request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'shared').send({ title: 'x' });
      const b = await request(h.http).post('/test/things').set(bearer(otherAdmin)).set('Idempotency-Key', 'shared').send({ title: 'x' });
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(a.body.commandId).not.toBe(b.body.commandId);
    });

    it('answers 422 when the key is reused for a different body', async () => {
      await request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-2').send({ title: 'x' });
      const response = await request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-2').send({ title: 'y' });
      expectProblem(response, 422, 'idempotency-key-reused');
    });

    it('answers 409 to a duplicate sent while the first is still running', async () => {
      const send = () => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-3').send({ title: 'slow' });
      gate.close();
      const entered = gate.entered;
      const first = send().then((r) => r);
      await until(() => gate.entered > entered);
      expectProblem(await send(), 409, 'idempotency-request-in-flight');
      gate.release();
      expect((await first).status).toBe(201);
      expect((await send()).headers['idempotent-replayed']).toBe('true');
    });

    it('replays a recorded 4xx answer, but lets a 5xx be retried', async () => {
      const conflict = () => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-4').send({ title: 'domain' });
      const first = await conflict();
      const before = calls.create;
      const second = await conflict();
      expect(calls.create).toBe(before);
      expect(second.status).toBe(409);
      expect(second.text).toBe(first.text);
      expect(second.headers['content-type']).toBe(first.headers['content-type']);

      const boom = () => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-5').send({ title: 'boom' });
      await boom();
      const beforeRetry = calls.create;
      expect((await boom()).status).toBe(500);
      expect(calls.create).toBe(beforeRetry + 1);
    });

    it('sends the real answer when recording it fails, and lets the retry run again rather than wait', async () => {
      const records = h.app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
      const complete = jest.spyOn(records, 'complete').mockRejectedValueOnce(new Error('disk full'));
      try {
        const send = () => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-7').send({ title: 'x' });
        const first = await send();
        expect(first.status).toBe(201);
        expect(complete).toHaveBeenCalledTimes(1);
        const before = calls.create;
        const retry = await send();
        expect(retry.status).toBe(201);
        expect(retry.headers['idempotent-replayed']).toBeUndefined();
        expect(calls.create).toBe(before + 1);
        // Recorded this time: the next retry is a replay.
        expect((await send()).headers['idempotent-replayed']).toBe('true');
      } finally {
        complete.mockRestore();
      }
    });

    it('forgets an answer after IDEMPOTENCY_RETENTION_HOURS: a retry then runs again', async () => {
      const otherDir = mkdtempSync(join(tmpdir(), 'ogp-api-retention-'));
      const other = await start(otherDir, store, { IDEMPOTENCY_RETENTION_HOURS: 1 });
      try {
        const key = other.announced[0]!.key;
        const send = () => request(other.http).post('/test/things').set(bearer(key)).set('Idempotency-Key', 'kept-1').send({ title: 'x' });
        expect((await send()).status).toBe(201);
        expect((await send()).headers['idempotent-replayed']).toBe('true');
        other.app.get<FixedClock>(CLOCK).advance(3_600_000);
        const before = calls.create;
        const late = await send();
        expect(late.status).toBe(201);
        expect(late.headers['idempotent-replayed']).toBeUndefined();
        expect(calls.create).toBe(before + 1);
      } finally {
        await other.app.close();
        rmSync(otherDir, { recursive: true, force: true });
      }
    });

    it('keeps no answer for a request that never ran (400, 412): the corrected request runs under the same key', async () => {
      const send = (body: object, headers: Record<string, string> = {}) => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-8').set(headers).send(body);
      expectProblem(await send({ title: 5 }), 400, 'validation-failed');
      expectProblem(await send({ title: 'stale' }, { 'If-Match': '"3"' }), 412, 'precondition-failed');
      const before = calls.create;
      const corrected = await send({ title: 'x' });
      expect(corrected.status).toBe(201);
      expect(calls.create).toBe(before + 1);
      expect((await send({ title: 'x' })).headers['idempotent-replayed']).toBe('true');
      const reused = await send({ title: 'y' });
      expectProblem(reused, 422, 'idempotency-key-reused');
      expect(reused.body.detail).toBe('Idempotency-Key idem-8 was first used for another request (method, path or body): send a new key for a new request');
    });

    it('lets a command that lost a race with other writers (409 wrong-expected-version) be retried', async () => {
      const stale = () => request(h.http).post('/test/things').set(bearer(admin)).set('Idempotency-Key', 'idem-6').send({ title: 'stale' });
      expectProblem(await stale(), 409, 'wrong-expected-version');
      const before = calls.create;
      const retry = await stale();
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(calls.create).toBe(before + 1);
    });
  });

  describe('correlation id', () => {
    it('echoes a valid X-Correlation-Id and hands it to the controller', async () => {
      const response = await request(h.http).post('/test/things').set(bearer(admin)).set('X-Correlation-Id', 'corr-42').send({ title: 'x' });
      expect(response.headers['x-correlation-id']).toBe('corr-42');
      expect(response.body.correlationId).toBe('corr-42');
      expect(response.body.command).toEqual({ principal: response.body.principal, commandId: response.body.commandId, correlationId: 'corr-42' });
    });

    it('replaces an invalid one with a generated id', async () => {
      const response = await request(h.http).get('/test/things').set(bearer(admin)).set('X-Correlation-Id', 'bad id with spaces');
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('operations', () => {
    it('answers liveness and readiness without a key', async () => {
      expect((await request(h.http).get('/health/live')).body).toEqual({ status: 'ok' });
      const ready = await request(h.http).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ ready: true, checks: { 'event-store': { ready: true } } });
    });

    it('answers 503 problem when the event store does not answer', async () => {
      store.healthy = false;
      try {
        const response = await request(h.http).get('/health/ready');
        expectProblem(response, 503, 'not-ready');
        expect(JSON.stringify(response.body)).not.toContain('/var/secret');
      } finally {
        store.healthy = true;
      }
    });

    it('exposes Prometheus metrics by route template', async () => {
      await request(h.http).get('/test/things/77').set(bearer(auditor));
      const response = await request(h.http).get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toContain('ogp_http_requests_total{route="/test/things/:id",method="GET",status="200"}');
      expect(response.text).toContain('ogp_events_appended_total');
      expect(response.text).toContain('ogp_http_request_duration_seconds_bucket');
    });

    it('serves the OpenAPI document with the bearer scheme', async () => {
      const response = await request(h.http).get('/docs-json');
      expect(response.status).toBe(200);
      // Our keys are opaque, not JWTs (the library's default bearerFormat).
      expect(response.body.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'API key' });
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/test/things', '/metrics', '/health/live', '/health/ready']));
      // Public routes lift the document's key requirement; the others keep it.
      expect(response.body.security).toEqual([{ 'api-key': [] }]);
      expect(response.body.paths['/metrics'].get.security).toEqual([]);
      expect(response.body.paths['/health/live'].get.security).toEqual([]);
      expect(response.body.paths['/test/things'].post.security).not.toEqual([]);
      expect(JSON.stringify(response.body)).not.toContain('x-ogp-public');
    });
  });
});

describe('API platform rate limit (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-rate-'));
  let h: Harness;
  afterAll(async () => {
    await h.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 429 past RATE_LIMIT_WRITES_PER_MINUTE writes per key, and never limits reads', async () => {
    h = await start(dataDir, new StubEventStore(), { RATE_LIMIT_WRITES_PER_MINUTE: 3 });
    const a = (await h.keys.create({ role: 'admin', name: 'a' })).key;
    const b = (await h.keys.create({ role: 'admin', name: 'b' })).key;
    const post = (key: string) => request(h.http).post('/test/things').set('Authorization', `Bearer ${key}`).send({ title: 'x' });
    for (let i = 0; i < 3; i++) expect((await post(a)).status).toBe(201);
    const limited = await post(a);
    expectProblem(limited, 429, 'too-many-requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // One count per key, whatever the route: another write route is limited too.
    expectProblem(await request(h.http).post('/test/things/1/notes').set('Authorization', `Bearer ${a}`).send({}), 429, 'too-many-requests');
    expect((await post(b)).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await request(h.http).get('/test/things').set('Authorization', `Bearer ${a}`)).status).toBe(200);
  });
});

describe('configuration (e2e)', () => {
  it('refuses to build the app with an invalid variable, naming it', async () => {
    await expect(createApp({ env: { PORT: 'eighty', EVENT_STORE: 'esdb' } })).rejects.toThrow(/PORT[\s\S]*EVENTSTORE_CONNECTION_STRING/);
  });
});

describe('configured event store (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the embedded SQLite store in DATA_DIR by default, reports it ready, and closes it on shutdown', async () => {
    const app = await createApp({
      env: {},
      config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      announceAdminKey: () => undefined,
      swaggerUi: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const ready = await request(app.getHttpAdapter().getInstance().server).get('/health/ready');
    expect(ready.body).toMatchObject({ ready: true, checks: { 'event-store': { ready: true } } });
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
    const store = app.get<EventStore>(EVENT_STORE);
    await app.close();
    await expect(store.headPosition()).rejects.toThrow();
    // Left at rest out of WAL mode, so that a reader without write access to DATA_DIR can open them (cli replay).
    for (const name of ['events.sqlite', 'read-models.sqlite', 'access.sqlite']) {
      const db = new Database(join(dataDir, name), { readonly: true });
      expect([name, db.pragma('journal_mode', { simple: true })]).toEqual([name, 'delete']);
      db.close();
    }
  });
});

describe('graceful shutdown (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-close-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lets an in-flight request finish before closing', async () => {
    const h = await start(dataDir, new StubEventStore());
    const key = (await h.keys.create({ role: 'admin', name: 'ops' })).key;
    await new Promise<void>((resolve) => h.http.listen(0, '127.0.0.1', resolve));
    gate.close();
    const entered = gate.entered;
    const inFlight = request(h.http).post('/test/things').set('Authorization', `Bearer ${key}`).send({ title: 'slow' }).then((r) => r.status);
    await until(() => gate.entered > entered);
    const closed = h.app.close();
    setTimeout(() => gate.release(), 50);
    await closed;
    await expect(inFlight).resolves.toBe(201);
  });
});
