// The transparency log over HTTP: public key, signed checkpoints, inclusion/consistency proofs and offline bundles,
// each checked with @ogp/ledger's verifiers and nothing but the served public key.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { openCheckpoint, verifyConsistency, verifyInclusion, verifyProofBundle, type ProofBundle } from '@ogp/ledger';
import { KEY_STORE, LedgerLog, type KeyStore, verifyEventStore } from '@ogp/tracker';
import request from 'supertest';
import { createApp } from '../apps/api/src/app.factory';
import { LedgerApiModule } from '../apps/api/src/ledger/ledger-api.module';
import { progressClaim } from './ledger.fixtures';

const ORIGIN = 'ogp.example/semarang';
const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

async function start(dataDir: string): Promise<NestFastifyApplication> {
  const app = await createApp({
    env: {},
    config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', LEDGER_ORIGIN: ORIGIN, CHECKPOINT_INTERVAL_SECONDS: '3600' },
    announceAdminKey: () => undefined,
    swaggerUi: false,
    imports: [LedgerApiModule],
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('ledger API (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-ledger-api-'));
  let app: NestFastifyApplication;
  let http: Server;
  let store: EventStore;
  let vkey: string;
  const ids: string[] = [];
  const keys: Record<'auditor' | 'reviewer', string> = { auditor: '', reviewer: '' };

  beforeAll(async () => {
    app = await start(dataDir);
    http = app.getHttpAdapter().getInstance().server;
    store = app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 20; i++) {
      const event = progressClaim(i);
      ids.push(event.id);
      await store.append(`commitment-IDSMG000${i % 3}`, [event], { expectedRevision: 'any' });
    }
    keys.auditor = (await app.get<KeyStore>(KEY_STORE).create({ role: 'auditor', name: 'TII' })).key;
    keys.reviewer = (await app.get<KeyStore>(KEY_STORE).create({ role: 'reviewer', name: 'IRM' })).key;
    vkey = (await request(http).get('/ledger/public-key')).body.vkey;
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the public key as vkey, raw key and key id, and keeps the signer key file private', async () => {
    const res = await request(http).get('/ledger/public-key');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ origin: ORIGIN, algorithm: 'ed25519' });
    expect(res.body.vkey).toBe(`${ORIGIN}+${res.body.keyId}+${Buffer.concat([Buffer.of(1), b64(res.body.publicKey)]).toString('base64')}`);
    expect(statSync(join(dataDir, 'ledger-signing.key')).mode & 0o777).toBe(0o600);
  });

  it('signs a checkpoint on demand for admins and auditors only, and serves it by size and as the latest', async () => {
    expect((await request(http).post('/ledger/checkpoints')).status).toBe(401);
    expect((await request(http).post('/ledger/checkpoints').set('Authorization', `Bearer ${keys.reviewer}`)).status).toBe(403);
    expect((await request(http).get('/ledger/checkpoints/latest')).status).toBe(404);
    const res = await request(http).post('/ledger/checkpoints').set('Authorization', `Bearer ${keys.auditor}`);
    expect(res.status).toBe(201);
    expect(res.body.treeSize).toBe(20);
    const cp = openCheckpoint(res.body.note, vkey, ORIGIN);
    expect(cp.treeSize).toBe(20);
    await app.get(LedgerLog).awaitSize(21);
    expect((await request(http).get('/ledger/checkpoints/latest')).body.note).toBe(res.body.note);
    expect((await request(http).get('/ledger/checkpoints/20')).body.note).toBe(res.body.note);
    expect((await request(http).get('/ledger/checkpoints/19')).status).toBe(404);
    // Nothing but the checkpoint event since: the scheduler skips, and a request gets that checkpoint, appending nothing.
    expect(await app.get(LedgerLog).scheduledCheckpoint()).toBeNull();
    const again = await request(http).post('/ledger/checkpoints').set('Authorization', `Bearer ${keys.auditor}`);
    expect(again.body).toMatchObject({ treeSize: 20, note: res.body.note, eventIds: [] });
    // Nothing created: 200, not 201.
    expect([res.status, again.status]).toEqual([201, 200]);
    expect(app.get(LedgerLog).size).toBe(21);
    // A checkpoint covers every member: not for a key scoped to one.
    const scoped = (await app.get<KeyStore>(KEY_STORE).create({ role: 'auditor', name: 'Semarang LMB', member: 'semarang' })).key;
    expect((await request(http).post('/ledger/checkpoints').set('Authorization', `Bearer ${scoped}`)).status).toBe(403);
  });

  it('proves an event’s inclusion against the signed checkpoint’s root', async () => {
    const cp = openCheckpoint((await request(http).get('/ledger/checkpoints/20')).body.note, vkey, ORIGIN);
    const res = await request(http).get(`/ledger/proofs/inclusion?eventId=${ids[7]}&size=20`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ leafIndex: 7, treeSize: 20, rootHash: cp.rootHash.toString('base64') });
    expect(verifyInclusion(b64(res.body.leafHash), 7, 20, res.body.path.map(b64), cp.rootHash)).toBe(true);
    expect(verifyInclusion(b64(res.body.leafHash), 8, 20, res.body.path.map(b64), cp.rootHash)).toBe(false);
  });

  it('proves an event’s inclusion by its leaf index exactly as by its id (an export line’s place is its leaf index)', async () => {
    const cp = openCheckpoint((await request(http).get('/ledger/checkpoints/20')).body.note, vkey, ORIGIN);
    for (const [i, size] of [[0, 20], [7, 20], [19, 20], [7, 8], [0, 1], [3, undefined]] as const) {
      const bySize = size === undefined ? '' : `&size=${size}`;
      const byIndex = await request(http).get(`/ledger/proofs/inclusion?leafIndex=${i}${bySize}`);
      const byId = await request(http).get(`/ledger/proofs/inclusion?eventId=${ids[i]}${bySize}`);
      expect([byIndex.status, byId.status]).toEqual([200, 200]);
      expect(byIndex.body).toEqual(byId.body);
      expect(byIndex.body).toMatchObject({ eventId: ids[i], leafIndex: i, treeSize: size ?? app.get(LedgerLog).size });
    }
    const res = await request(http).get('/ledger/proofs/inclusion?leafIndex=7&size=20');
    expect(verifyInclusion(b64(res.body.leafHash), 7, 20, res.body.path.map(b64), cp.rootHash)).toBe(true);
  });

  it.each([
    ['neither eventId nor leafIndex', () => ''],
    ['neither, with a size', () => 'size=20'],
    ['both, even naming the same event', () => `eventId=${ids[7]}&leafIndex=7`],
    ['both, with a size', () => `eventId=${ids[7]}&leafIndex=8&size=20`],
  ])('refuses an inclusion proof given %s (400, naming both parameters)', async (_name, query) => {
    const res = await request(http).get(`/ledger/proofs/inclusion?${query()}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'bad-request', detail: expect.stringMatching(/exactly one of eventId .* and leafIndex/) });
  });

  it.each(['-1', '7.0', '0x7', '1e1', ' 7', '07', 'seven', `${2 ** 53}`])('refuses leafIndex=%s, not decimal digits of a safe integer (400)', async (leafIndex) => {
    const res = await request(http).get(`/ledger/proofs/inclusion?leafIndex=${encodeURIComponent(leafIndex)}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(Object.keys(res.body.errors)).toEqual(['leafIndex']);
  });

  it('refuses a leaf index the tree of that size does not hold with 400, as an event beyond the size', async () => {
    const size = app.get(LedgerLog).size;
    for (const query of ['leafIndex=20&size=20', 'leafIndex=5&size=5', `leafIndex=${size}`, `leafIndex=${size + 100}`, `leafIndex=0&size=${size + 1}`]) {
      const res = await request(http).get(`/ledger/proofs/inclusion?${query}`);
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'bad-request']);
    }
    const beyond = await request(http).get(`/ledger/proofs/inclusion?eventId=${ids[10]}&size=5`);
    expect([beyond.status, beyond.body.code]).toEqual([400, 'bad-request']);
  });

  it('answers by leaf index as by event id whoever asks: public like the id route, a scoped key gets the public’s answer', async () => {
    const scoped = (await app.get<KeyStore>(KEY_STORE).create({ role: 'auditor', name: 'Bojonegoro LMB', member: 'bojonegoro' })).key;
    const publicAnswer = (await request(http).get('/ledger/proofs/inclusion?leafIndex=4&size=20')).body;
    for (const headers of [{ Authorization: `Bearer ${scoped}` }, { Authorization: `Bearer ${keys.auditor}` }, { Authorization: 'Bearer not-a-key' }]) {
      for (const query of ['leafIndex=4&size=20', `eventId=${ids[4]}&size=20`]) {
        const res = await request(http).get(`/ledger/proofs/inclusion?${query}`).set(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(publicAnswer);
      }
    }
    // The answer is hashes and the id: nothing of the event's member or data, which only a bundle carries (keyed, scoped).
    expect(Object.keys(publicAnswer).sort()).toEqual(['eventId', 'leafHash', 'leafIndex', 'path', 'rootHash', 'treeSize']);
  });

  it('proves that an older tree is a prefix of a newer one', async () => {
    const res = await request(http).get('/ledger/proofs/consistency?from=5&to=21');
    expect(res.status).toBe(200);
    const { path, fromRoot, toRoot } = res.body as { path: string[]; fromRoot: string; toRoot: string };
    expect(verifyConsistency(5, 21, path.map(b64), b64(fromRoot), b64(toRoot))).toBe(true);
    expect(verifyConsistency(5, 21, path.map(b64), b64(toRoot), b64(toRoot))).toBe(false);
  });

  it('gives a key holder an offline bundle that verifies with the public key alone, once a checkpoint covers the event', async () => {
    const auth = { Authorization: `Bearer ${keys.reviewer}` };
    expect((await request(http).get(`/ledger/bundles/${ids[3]}`)).status).toBe(401);
    const old = await request(http).get(`/ledger/bundles/${ids[3]}`).set(auth);
    expect(old.status).toBe(200);
    expect(verifyProofBundle(old.body as ProofBundle, vkey, ORIGIN)).toMatchObject({ ok: true, treeSize: 20 });

    const fresh = progressClaim(99);
    await store.append('commitment-IDSMG0009', [fresh], { expectedRevision: 'no_stream' });
    await app.get(LedgerLog).catchUp();
    const size = app.get(LedgerLog).size;
    // A read never signs: until a checkpoint covers the event, 409 checkpoint-pending, and nothing is appended.
    const pending = await request(http).get(`/ledger/bundles/${fresh.id}`).set(auth);
    expect(pending.status).toBe(409);
    expect(pending.body.type).toMatch(/checkpoint-pending$/);
    expect(app.get(LedgerLog).size).toBe(size);
    expect((await request(http).post('/ledger/checkpoints').set('Authorization', `Bearer ${keys.auditor}`)).status).toBe(201);
    const res = await request(http).get(`/ledger/bundles/${fresh.id}`).set(auth);
    expect(res.status).toBe(200);
    expect(verifyProofBundle(res.body as ProofBundle, vkey, ORIGIN)).toMatchObject({ ok: true, treeSize: 22 });
    const forged = { ...res.body, event: { ...res.body.event, data: res.body.event.data.replace('claim 99', 'claim 98') } };
    expect(verifyProofBundle(forged as ProofBundle, vkey, ORIGIN).ok).toBe(false);
  });

  it('gives a key scoped to a member no bundle of an event outside that member (404, as an entity read)', async () => {
    const scoped = (await app.get<KeyStore>(KEY_STORE).create({ role: 'auditor', name: 'Demak LMB', member: 'demak' })).key;
    const res = await request(http).get(`/ledger/bundles/${ids[3]}`).set('Authorization', `Bearer ${scoped}`);
    expect(res.status).toBe(404);
    // The answer an unknown event gets: nothing of the other member's (not even its commitment's id).
    expect(res.body.detail).toBe(`no event ${ids[3]} in the log`);
    const unknown = randomUUID();
    const none = await request(http).get(`/ledger/bundles/${unknown}`).set('Authorization', `Bearer ${scoped}`);
    expect([none.status, none.body.detail]).toEqual([404, `no event ${unknown} in the log`]);
  });

  it.each([
    ['/ledger/proofs/inclusion?eventId=not-a-uuid', 400],
    [`/ledger/proofs/inclusion?eventId=${randomUUID()}&size=abc`, 400],
    [`/ledger/proofs/inclusion?eventId=${randomUUID()}&size=0`, 400],
    ['/ledger/proofs/consistency?from=10', 400],
    ['/ledger/proofs/consistency?from=10&to=5', 400],
    ['/ledger/proofs/consistency?from=0&to=5', 400],
    ['/ledger/proofs/consistency?from=0&to=0', 400],
    ['/ledger/proofs/consistency?from=1&to=100000', 400],
    ['/ledger/checkpoints/-1', 400],
    ['/ledger/bundles/nope', 400],
    [`/ledger/proofs/inclusion?eventId=${randomUUID()}`, 404],
    [`/ledger/bundles/${randomUUID()}`, 404],
  ])('answers %s with %i problem+json', async (url, status) => {
    const res = await request(http).get(url).set('Authorization', `Bearer ${keys.auditor}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses an inclusion proof for a size that does not cover the event', async () => {
    const res = await request(http).get(`/ledger/proofs/inclusion?eventId=${ids[10]}&size=5`);
    expect(res.status).toBe(400);
  });

  it('leaves a store that verifies end to end, with every stored checkpoint checked', async () => {
    const report = await verifyEventStore(store, { publicKey: vkey, origin: ORIGIN });
    expect(report).toMatchObject({ ok: true, events: 23, checkpointsVerified: 2, verifiedTreeSize: 22 });
  });

  it('keeps its key and rebuilds its checkpoint index across a restart on the same DATA_DIR', async () => {
    const latest = (await request(http).get('/ledger/checkpoints/latest')).body.note;
    await app.close();
    app = await start(dataDir);
    http = app.getHttpAdapter().getInstance().server;
    store = app.get<EventStore>(EVENT_STORE);
    expect((await request(http).get('/ledger/public-key')).body.vkey).toBe(vkey);
    expect((await request(http).get('/ledger/checkpoints/latest')).body.note).toBe(latest);
    expect((await request(http).get('/ledger/checkpoints/20')).status).toBe(200);
    expect(app.get(LedgerLog).size).toBe(23);
  });
});
