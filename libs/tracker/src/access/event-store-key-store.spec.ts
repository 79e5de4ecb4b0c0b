// Runs the KeyStore contract against the event-store adapter, and checks what it is for: two instances on one store
// know the same keys, and a key is revoked once whichever instance asks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type EventStore, type NewEvent, SqliteEventStore, type Subscription } from '@ogp/event-store';
import { FixedClock } from '../clock/fixed-clock';
import { hashSecret } from './api-key';
import { API_KEY_STREAM_PREFIX, EventStoreKeyStore, KEY_CONFIRM_TTL_MS } from './event-store-key-store';
import { keyStoreContract } from './key-store.contract';

async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await read()) !== expected) {
    if (Date.now() > deadline) throw new Error(`still ${String(await read())}, not ${String(expected)}`);
    await new Promise((resume) => setTimeout(resume, 20));
  }
}

keyStoreContract('EventStoreKeyStore (on a SQLite event store)', async () => {
  const store = new SqliteEventStore({ file: ':memory:' });
  const keys = await EventStoreKeyStore.open(store, new FixedClock());
  const close = keys.close.bind(keys);
  return Object.assign(keys, { close: async () => (await close(), await store.close()) });
});

describe('EventStoreKeyStore across instances', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-event-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a key made on one instance in on another, and a revocation on either hold on both, once', async () => {
    // Two stores on one file: two processes, as two API instances of one EventStoreDB would be.
    const file = join(dir, 'events.sqlite');
    const [storeA, storeB] = [new SqliteEventStore({ file }), new SqliteEventStore({ file })];
    const a = await EventStoreKeyStore.open(storeA, new FixedClock());
    const b = await EventStoreKeyStore.open(storeB, new FixedClock());
    try {
      const made = await a.create({ role: 'reviewer', name: 'OSU', member: null });
      await eventually(async () => (await b.authenticate(made.key))?.keyId, made.record.id);

      const [onA, onB] = await Promise.all([a.revoke(made.record.id), b.revoke(made.record.id)]);
      expect([onA, onB].sort()).toEqual([false, true]);
      await eventually(async () => (await a.authenticate(made.key)) === null && (await b.authenticate(made.key)) === null, true);
      expect(await a.countActive('reviewer')).toBe(0);

      const streams = new Set<string>();
      for await (const e of storeA.readAll({ filter: { streamPrefixes: [API_KEY_STREAM_PREFIX] } })) streams.add(`${e.stream} ${e.type}`);
      expect([...streams]).toEqual([`apikey-${made.record.id} ApiKeyCreated`, `apikey-${made.record.id} ApiKeyRevoked`]);
    } finally {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
    }
  });

  it('reads every key again on a new start, with the secret stored only as its hash', async () => {
    const file = join(dir, 'restart.sqlite');
    const store = new SqliteEventStore({ file });
    const first = await EventStoreKeyStore.open(store, new FixedClock());
    const kept = await first.create({ role: 'admin', name: 'kept', member: 'semarang' });
    const gone = await first.create({ role: 'admin', name: 'gone' });
    await first.revoke(gone.record.id);
    await first.close();
    const again = await EventStoreKeyStore.open(store, new FixedClock());
    try {
      expect(await again.authenticate(kept.key)).toMatchObject({ keyId: kept.record.id, role: 'admin', member: 'semarang' });
      expect(await again.authenticate(gone.key)).toBeNull();
      expect(await again.countActive('admin')).toBe(1);
      const secret = kept.key.split('_').slice(2).join('_');
      for await (const e of store.readAll()) expect(JSON.stringify(e.data)).not.toContain(secret);
    } finally {
      await again.close();
      await store.close();
    }
  });
});

describe('EventStoreKeyStore and what other writers of the store put in the key streams', () => {
  const secret = 'A'.repeat(43);
  const keyOf = (id: string): string => `ogp_${id}_${secret}`;
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data: data as NewEvent['data'],
    metadata: { actorId: 'intruder', actorRole: 'system', commandId: randomUUID(), correlationId: randomUUID(), causationId: null, reason: null, recordedAt: '2026-12-03T00:00:00.000Z' },
  });
  const creation = (keyId: string, over: Record<string, unknown> = {}) =>
    event('ApiKeyCreated', { keyId, role: 'admin', name: 'planted', member: null, secretHash: hashSecret(secret), createdAt: '2026-12-03T00:00:00.000Z', ...over });

  let store: SqliteEventStore;
  let warnings: string[];
  let keys: EventStoreKeyStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    warnings = [];
  });
  afterEach(async () => {
    await keys.close();
    await store.close();
  });
  const open = async () => (keys = await EventStoreKeyStore.open(store, new FixedClock(), (m) => warnings.push(m)));

  it('ignores a creation planted in another key\'s stream, and one with a field of the wrong shape', async () => {
    await store.append('apikey-aaaaaaaaaaaaaaaa', [creation('bbbbbbbbbbbbbbbb')], { expectedRevision: 'no_stream' });
    await store.append('apikey-cccccccccccccccc', [creation('cccccccccccccccc', { member: undefined })], { expectedRevision: 'no_stream' });
    await store.append('apikey-dddddddddddddddd', [creation('dddddddddddddddd', { secretHash: 'x' })], { expectedRevision: 'no_stream' });
    await open();
    for (const id of ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc', 'dddddddddddddddd']) await expect(keys.authenticate(keyOf(id))).resolves.toBeNull();
    expect(await keys.countActive('admin')).toBe(0);
    expect(warnings).toHaveLength(3);
  });

  it('still revokes a key whose stream another writer added to, and ignores a second creation in it', async () => {
    await store.append('apikey-eeeeeeeeeeeeeeee', [creation('eeeeeeeeeeeeeeee')], { expectedRevision: 'no_stream' });
    await store.append('apikey-eeeeeeeeeeeeeeee', [event('Junk', {}), creation('eeeeeeeeeeeeeeee', { secretHash: hashSecret('B'.repeat(43)) })], { expectedRevision: 0n });
    await open();
    await expect(keys.authenticate(keyOf('eeeeeeeeeeeeeeee'))).resolves.toMatchObject({ role: 'admin' });
    await expect(keys.authenticate(`ogp_eeeeeeeeeeeeeeee_${'B'.repeat(43)}`)).resolves.toBeNull();
    await expect(keys.revoke('eeeeeeeeeeeeeeee')).resolves.toBe(true);
    await expect(keys.authenticate(keyOf('eeeeeeeeeeeeeeee'))).resolves.toBeNull();
    await expect(keys.revoke('eeeeeeeeeeeeeeee')).resolves.toBe(false);
  });

  it('refuses a key revoked elsewhere within KEY_CONFIRM_TTL_MS even when its subscription has stalled', async () => {
    // A subscription that delivers nothing until it is closed (a stalled connection).
    const stalled = (): Subscription => {
      let end: (result: IteratorResult<never>) => void = () => undefined;
      const ended = new Promise<IteratorResult<never>>((resolve) => (end = resolve));
      return { close: async () => end({ done: true, value: undefined }), [Symbol.asyncIterator]: () => ({ next: () => ended }) };
    };
    const deaf: EventStore = Object.assign(Object.create(store) as EventStore, { subscribeToAll: stalled });
    keys = await EventStoreKeyStore.open(deaf, new FixedClock());
    const other = await EventStoreKeyStore.open(store, new FixedClock());
    try {
      const made = await other.create({ role: 'reviewer', name: 'OSU' });
      await keys.close();
      keys = await EventStoreKeyStore.open(deaf, new FixedClock()); // knows the key from its start, hears nothing after
      await expect(keys.authenticate(made.key)).resolves.toMatchObject({ keyId: made.record.id });
      await other.revoke(made.record.id);
      await new Promise((resume) => setTimeout(resume, KEY_CONFIRM_TTL_MS + 50));
      await expect(keys.authenticate(made.key)).resolves.toBeNull();
    } finally {
      await other.close();
    }
  });
});
