// Restoring DATA_DIR from a backup (review 12e, findings 1 and 2): events.sqlite put back from an older backup
// under newer read models and idempotency records is served as the store holds it, a retry whose events are gone
// runs again, and a store holding signed checkpoints does not start without the key that signed them.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore, type StoredEvent } from '@ogp/event-store';
import { parseSignerKey } from '@ogp/ledger';
import { currentState, domainStateModel, replayAndCompare } from '@ogp/projections';
import { KEY_STORE, type KeyStore, ReadModels, type ResolvedConfig } from '@ogp/tracker';
import request from 'supertest';
import { createApp } from '../apps/api/src/app.factory';
import { withCaughtUpReadModels } from '../apps/cli/src/commands/read-model-copy';
import { SEMARANG } from './semarang-requests';

const ROOT_DIR = resolve(__dirname, '..');

interface Running {
  readonly app: NestFastifyApplication;
  readonly http: Server;
  readonly store: SqliteEventStore;
  close(): Promise<void>;
}

/** The app over DATA_DIR `dataDir`, as a restart of the server finds it. */
async function startOver(dataDir: string): Promise<Running> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  const app = await createApp({
    env: {},
    config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    eventStore: store,
    announceAdminKey: () => undefined,
    swaggerUi: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    store,
    http: app.getHttpAdapter().getInstance().server,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

async function eventsOf(store: SqliteEventStore, stream: string): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const event of store.readStream(stream)) out.push(event);
  return out;
}

describe('a DATA_DIR whose events.sqlite is restored from an older backup', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-restore-'));
  const backup = mkdtempSync(join(tmpdir(), 'ogp-restore-backup-'));
  let admin: string;
  let auditor: string;
  let salatiga: { readonly position: string; readonly eventIds: string[] };
  const retried = { 'Idempotency-Key': 'register-salatiga' };
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backup, { recursive: true, force: true });
  });

  beforeAll(async () => {
    // given a store with a member and a signed checkpoint, backed up at rest
    const first = await startOver(dataDir);
    try {
      const keys = first.app.get<KeyStore>(KEY_STORE);
      admin = (await keys.create({ role: 'admin', name: 'ops' })).key;
      auditor = (await keys.create({ role: 'auditor', name: 'TII' })).key;
      await request(first.http).post('/admin/members').set('Authorization', `Bearer ${admin}`).send(SEMARANG.member).expect(201);
      await request(first.http).post('/ledger/checkpoints').set('Authorization', `Bearer ${admin}`).expect(201);
    } finally {
      await first.close();
    }
    copyFileSync(join(dataDir, 'events.sqlite'), join(backup, 'events.sqlite'));
    // and a member registered after the backup, whose read models and idempotency record stay in DATA_DIR
    const second = await startOver(dataDir);
    try {
      const res = await request(second.http)
        .post('/admin/members')
        .set('Authorization', `Bearer ${admin}`)
        .set(retried)
        .send({ ...SEMARANG.member, memberId: 'salatiga', name: 'Kota Salatiga' })
        .expect(201);
      salatiga = res.body as typeof salatiga;
      await request(second.http).get(`/audit/members/salatiga?waitFor=${salatiga.position}`).set('Authorization', `Bearer ${auditor}`).expect(200);
    } finally {
      await second.close();
    }
    // when events.sqlite alone is put back from the backup
    for (const suffix of ['-wal', '-shm']) rmSync(join(dataDir, `events.sqlite${suffix}`), { force: true });
    copyFileSync(join(backup, 'events.sqlite'), join(dataDir, 'events.sqlite'));
  }, 60_000);

  it('has the CLI export from read models of the store, and replay report the live ones different, before any server start', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), readonly: true });
    const config = { DATA_DIR: dataDir } as ResolvedConfig;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const salatigaIn = (whenNotOfStore: 'rebuild' | 'keep') =>
        withCaughtUpReadModels(config, store, async (db) => currentState(db, 'member-salatiga') !== null, undefined, whenNotOfStore);
      // an export works on read models rebuilt from the store: the member the store lacks is not in them
      expect(await salatigaIn('rebuild')).toBe(false);
      // replay works on the live ones as they are, and so finds them different
      expect(await salatigaIn('keep')).toBe(true);
      expect(stderr.mock.calls.map(([text]) => String(text))).toEqual([
        expect.stringMatching(/^warning: .*read-models\.sqlite is not of this event store \(.*\): working on read models rebuilt from the store\n$/),
        expect.stringMatching(/^warning: .*read-models\.sqlite is not of this event store \(.*\)\n$/),
      ]);
    } finally {
      stderr.mockRestore();
      await store.close();
    }
    // and the live file is left as it was (the server sets it aside at its start)
    expect(readdirSync(dataDir).filter((name) => name.startsWith('read-models.sqlite.stale-'))).toHaveLength(0);
  });

  it('serves the store as it holds it, runs again a retry whose events are gone, and rebuilds read models equal to a replay', async () => {
    const restored = await startOver(dataDir);
    try {
      const read = (path: string) => request(restored.http).get(path).set('Authorization', `Bearer ${auditor}`);
      // then the newer read models are set aside, and the member the store lacks is not served
      expect(readdirSync(dataDir).filter((name) => name.startsWith('read-models.sqlite.stale-'))).toHaveLength(1);
      expect((await read('/audit/members/semarang?waitFor=2/2').expect(200)).body).toMatchObject({ position: '2/2' });
      await read('/audit/members/salatiga').expect(404);
      // and a retry of the lost registration runs again instead of being told it is done
      const retry = await request(restored.http)
        .post('/admin/members')
        .set('Authorization', `Bearer ${admin}`)
        .set(retried)
        .send({ ...SEMARANG.member, memberId: 'salatiga', name: 'Kota Salatiga' })
        .expect(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      const stored = await eventsOf(restored.store, 'member-salatiga');
      expect(stored.map((e) => e.id)).toEqual(retry.body.eventIds);
      expect(retry.body.position).toBe(salatiga.position);
      expect((await read(`/audit/members/salatiga?waitFor=${retry.body.position}`).expect(200)).body).toMatchObject({ data: { revision: 0 } });
      // and the read models equal a replay of the store
      const report = await replayAndCompare({ store: restored.store, model: domainStateModel, live: restored.app.get(ReadModels).db });
      expect(report.results.map((r) => [r.readModel, r.equal])).toEqual([
        ['audit-trail', true],
        ['entity-state', true],
      ]);
    } finally {
      await restored.close();
    }
  }, 60_000);

  it('refuses to start without the signing key once the store holds checkpoints, naming the key id and the file', async () => {
    const lost = mkdtempSync(join(tmpdir(), 'ogp-restore-no-key-'));
    try {
      copyFileSync(join(backup, 'events.sqlite'), join(lost, 'events.sqlite'));
      const keyId = parseSignerKey(readFileSync(join(dataDir, 'ledger-signing.key'), 'utf8').trim()).keyId.toString('hex');
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
        cwd: ROOT_DIR,
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: lost, SIGNING_KEY_FILE: '', SIGNING_KEY_NEW: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // A server that starts (the refusal missing) is stopped, so that the test fails instead of hanging.
      const stop = setTimeout(() => child.kill(), 20_000);
      const code = await new Promise<number | null>((done) => child.once('close', done));
      clearTimeout(stop);
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([
        `ogp-ledger failed to start: SIGNING_KEY_FILE ${join(lost, 'ledger-signing.key')} is missing, but the log holds checkpoints signed with key id ${keyId}: restore the key file from a backup (or set SIGNING_KEY_FILE to it); to sign from now on with a new key, which cannot verify the old checkpoints, start once with SIGNING_KEY_NEW=1.`,
      ]);
      expect(existsSync(join(lost, 'ledger-signing.key'))).toBe(false);
    } finally {
      rmSync(lost, { recursive: true, force: true });
    }
  }, 60_000);

  it('creates the signing key of a fresh store', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'ogp-restore-fresh-'));
    try {
      const running = await startOver(fresh);
      await running.close();
      expect(readFileSync(join(fresh, 'ledger-signing.key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+ogp-ledger\.local\/log\+[0-9a-f]{8}\+/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 60_000);
});
