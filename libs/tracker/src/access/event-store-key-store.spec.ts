// Runs the KeyStore contract against the event-store adapter, and checks what it is for: two instances on one store
// know the same keys, and a key is revoked once whichever instance asks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ogp/event-store';
import { FixedClock } from '../clock/fixed-clock';
import { API_KEY_STREAM_PREFIX, EventStoreKeyStore } from './event-store-key-store';
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
