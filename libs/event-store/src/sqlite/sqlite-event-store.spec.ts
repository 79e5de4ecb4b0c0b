// Runs the EventStore contract against SQLite (file and :memory:), plus what only a file store can show.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manyEvents } from '../contract/contract-events';
import { eventStoreContract } from '../contract/event-store.contract';
import type { EventStore, Upcaster } from '../port';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteReads } from './sqlite-reads';

function fileFixture(upcasters: readonly Upcaster[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-es-'));
  const file = join(dir, 'events.sqlite');
  let store: EventStore = new SqliteEventStore({ file, upcasters });
  return {
    file,
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new SqliteEventStore({ file, upcasters });
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

eventStoreContract('SQLite file', async ({ upcasters }) => fileFixture(upcasters));

eventStoreContract('SQLite :memory:', async ({ upcasters }) => {
  const store = new SqliteEventStore({ file: ':memory:', upcasters });
  return { store, cleanup: () => store.close() };
});

describe('SqliteEventStore', () => {
  it('commits appends that arrive together in one transaction without failing the others', async () => {
    const f = fileFixture([]);
    try {
      await f.store.append('s-0', manyEvents(1), { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled([
        f.store.append('s-0', manyEvents(1), { expectedRevision: 5n }),
        f.store.append('s-1', manyEvents(2), { expectedRevision: 'no_stream' }),
        f.store.append('s-0', manyEvents(1), { expectedRevision: 0n }),
        f.store.append('s-1', manyEvents(1), { expectedRevision: 1n }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      const positions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.position.commit] : []));
      expect(positions).toEqual([3n, 4n, 5n]);
    } finally {
      await f.cleanup();
    }
  });

  it('shows a live subscription the appends of another connection to the same file (polling)', async () => {
    const f = fileFixture([]);
    const other = new SqliteEventStore({ file: f.file });
    try {
      const sub = f.store.subscribeToAll();
      const iterator = sub[Symbol.asyncIterator]();
      const next = iterator.next();
      await other.append('elsewhere', manyEvents(1), { expectedRevision: 'no_stream' });
      await expect(next).resolves.toMatchObject({ done: false, value: { stream: 'elsewhere' } });
      await sub.close();
    } finally {
      await other.close();
      await f.cleanup();
    }
  });

  it('moves a filtered subscription past the events its filter skipped, instead of scanning them again each time', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const from = jest.spyOn(SqliteReads.prototype, 'allPage');
    try {
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['apikey-'] } });
      const iterator = sub[Symbol.asyncIterator]();
      const next = iterator.next();
      for (let i = 0; i < 5; i++) await store.append(`commitment-${i}`, manyEvents(100), { expectedRevision: 'no_stream' });
      await new Promise((resume) => setImmediate(resume));
      // each wake-up after a commit starts where the last scan ended (1 twice: the empty store, then the first commit)
      const starts = from.mock.calls.map(([start]) => start);
      expect([...new Set(starts)]).toEqual([1, 101, 201, 301, 401]);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      await store.append('apikey-k1', manyEvents(1), { expectedRevision: 'no_stream' });
      await expect(next).resolves.toMatchObject({ done: false, value: { stream: 'apikey-k1', position: { commit: 501n } } });
      await sub.close();
    } finally {
      from.mockRestore();
      await store.close();
    }
  });

  it('rejects appends after close', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await store.close();
    await expect(store.append('s', manyEvents(1), { expectedRevision: 'any' })).rejects.toThrow('closed');
  });

  it('fails a read that outlives the store instead of ending it early', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    for (let i = 0; i < 3; i++) await store.append('s', manyEvents(1000), { expectedRevision: 'any' });
    const reading = (async () => {
      let n = 0;
      for await (const _event of store.readAll()) if (++n === 1) await store.close();
      return n;
    })();
    await expect(reading).rejects.toThrow('closed');
  });

  describe('read-only, as an auditor who may not write the store opens it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogp-es-read-only-'));
    const file = join(dir, 'events.sqlite');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('finds the store at rest in rollback-journal mode, with no -wal or -shm file to need', async () => {
      const writer = new SqliteEventStore({ file });
      await writer.append('s', manyEvents(3), { expectedRevision: 'no_stream' });
      await writer.close();
      // A WAL file cannot be read where its -wal and -shm files cannot be made (a read-only directory).
      expect(readdirSync(dir)).toEqual(['events.sqlite']);
      expect(readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    });

    it('reads it, refuses a write, and leaves the directory as it was', async () => {
      const reader = new SqliteEventStore({ file, readonly: true });
      expect((await reader.headPosition())?.commit).toBe(3n);
      await expect(reader.append('s', manyEvents(1), { expectedRevision: 'any' })).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      await reader.close();
      expect(readdirSync(dir)).toEqual(['events.sqlite']);
    });

    it('stays in WAL mode while another connection is open, and is not held up by it at close', async () => {
      const server = new SqliteEventStore({ file });
      const cli = new SqliteEventStore({ file });
      const started = Date.now();
      await cli.close();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([2, 2]));
      await server.close();
      expect(readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    });

    it('does not create a store that is not there', () => {
      expect(() => new SqliteEventStore({ file: join(dir, 'missing.sqlite'), readonly: true })).toThrow();
      expect(readdirSync(dir)).toEqual(['events.sqlite']);
    });
  });
});
