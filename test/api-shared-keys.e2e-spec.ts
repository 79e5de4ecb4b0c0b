// Two API instances on one event store with KEY_STORE=event-store: a key made through one is accepted by the other,
// a revocation through either holds on both, and the key's events are in the exported history like any other.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore } from '@ogp/event-store';
import { KEY_STORE, type KeyStore } from '@ogp/tracker';
import request from 'supertest';
import { AdminModule } from '../apps/api/src/admin/admin.module';
import { createApp } from '../apps/api/src/app.factory';
import { SEMARANG } from './semarang-requests';

interface Instance {
  readonly app: NestFastifyApplication;
  readonly http: Server;
  readonly store: SqliteEventStore;
  readonly keys: KeyStore;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resume) => setTimeout(resume, 50));
  }
}

describe('API keys shared through the event store (KEY_STORE=event-store, e2e)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogp-shared-keys-'));
  const instances: Instance[] = [];

  /** An instance with its own DATA_DIR (read models, ledger index) on the shared events file: another process. */
  async function start(name: string): Promise<Instance> {
    const store = new SqliteEventStore({ file: join(root, 'events.sqlite') });
    const app = await createApp({
      env: {},
      config: { DATA_DIR: join(root, name), LOG_LEVEL: 'silent', KEY_STORE: 'event-store' },
      eventStore: store,
      announceAdminKey: () => undefined,
      swaggerUi: false,
      imports: [AdminModule],
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const instance = { app, store, http: app.getHttpAdapter().getInstance().server, keys: app.get<KeyStore>(KEY_STORE) };
    instances.push(instance);
    return instance;
  }

  afterAll(async () => {
    for (const { app, store } of instances) {
      await app.close();
      await store.close();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('lets a key made on one instance command on the other, exports its events, and revokes it on both', async () => {
    const [one, two] = [await start('one'), await start('two')];
    const admin = await one.keys.create({ role: 'admin', name: 'secretariat' });
    const auditor = (await one.keys.create({ role: 'auditor', name: 'audit' })).key;

    const register = () => request(two.http).post('/admin/members').set('Authorization', `Bearer ${admin.key}`).send(SEMARANG.member);
    await until(async () => (await two.keys.authenticate(admin.key)) !== null, 'instance two to know the key');
    const registered = await register();
    expect(registered.status).toBe(201);

    // In the history (the events export, the Merkle log), with the secret's hash only; the audit feed is the domain's.
    const exported = await request(one.http).get('/audit/export?kind=events').set('Authorization', `Bearer ${auditor}`);
    expect(exported.status).toBe(200);
    const lines = exported.text.trim().split('\n').map((line) => JSON.parse(line) as { stream?: string; type?: string; data?: string });
    expect(lines.find((line) => line.stream === `apikey-${admin.record.id}`)).toMatchObject({ type: 'ApiKeyCreated' });
    expect(exported.text).not.toContain(admin.key.split('_').slice(2).join('_'));

    await expect(one.keys.revoke(admin.record.id)).resolves.toBe(true);
    await until(async () => (await two.keys.authenticate(admin.key)) === null, 'instance two to refuse the revoked key');
    expect((await register()).status).toBe(401);
    await expect(two.keys.revoke(admin.record.id)).resolves.toBe(false);
  });
});
