// LedgerLog over a real SQLite store: follows appends live, skips idle scheduled checkpoints, keeps its index on disk.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type NewEvent, type ReadAllOptions, SqliteEventStore, type StoredEvent } from '@ogp/event-store';
import { CHECKPOINT_STREAM, generateNoteKey, merkleRootOf, merkleLeafHash, entryHashBytes, openCheckpoint, parseSignerKey } from '@ogp/ledger';
import { FixedClock } from '../clock/fixed-clock';
import type { ResolvedConfig } from '../config/app-config';
import { ReadinessService } from '../metrics/readiness.service';
import { LedgerIndex, PRIVATE_INDEX_PREFIX } from './ledger-index';
import { LEDGER_INDEX_FILE, LedgerLog, LedgerLogStoppedError } from './ledger-log';
import type { LedgerSigningKey } from './signing-key';

const ORIGIN = 'ogp.example/log';
const keys = generateNoteKey(ORIGIN);
const key: LedgerSigningKey = { signer: parseSignerKey(keys.signerKey), verifierKey: keys.verifierKey };

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'ProgressClaimed',
  schemaVersion: 1,
  data: { n: 1 },
  metadata: { actorId: 'a', actorRole: 'admin', commandId: 'c', correlationId: 'c', causationId: null, reason: null, recordedAt: '2026-01-01T00:00:00.000Z' },
});

/** Every event's hash in global order, and the RFC 6962 root over them. */
async function rootOf(store: EventStore): Promise<string> {
  const hashes: string[] = [];
  for await (const e of store.readAll()) hashes.push(e.hash);
  return merkleRootOf(hashes.map((h) => merkleLeafHash(entryHashBytes(h)))).toString('base64');
}

describe('LedgerLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-ledger-log-'));
  const file = join(dir, 'events.sqlite');
  const config = { LEDGER_ORIGIN: ORIGIN, CHECKPOINT_INTERVAL_SECONDS: 3600, DATA_DIR: dir } as ResolvedConfig;
  let store: SqliteEventStore;
  const readiness = new ReadinessService();
  const open = async (): Promise<LedgerLog> => {
    const log = new LedgerLog(store, config, new FixedClock(), key, readiness);
    await log.onModuleInit();
    return log;
  };

  beforeAll(() => {
    store = new SqliteEventStore({ file });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows appends, signs on schedule only when something new was written, and rebuilds its index on restart', async () => {
    const log = await open();
    try {
      expect(await log.scheduledCheckpoint()).toBeNull(); // empty log
      const hashes: string[] = [];
      for (let i = 0; i < 5; i++) {
        await store.append(`s-${i % 2}`, [event()], { expectedRevision: 'any' });
      }
      for await (const e of store.readAll()) hashes.push(e.hash);
      await log.awaitSize(5);
      expect(log.root(5)).toBe(merkleRootOf(hashes.map((h) => merkleLeafHash(entryHashBytes(h)))).toString('base64'));

      const first = await log.scheduledCheckpoint();
      expect(first).toMatchObject({ treeSize: 5 });
      expect(openCheckpoint(first!.note, keys.verifierKey, ORIGIN).rootHash.toString('base64')).toBe(log.root(5));
      await log.awaitSize(6); // its own CheckpointSigned event
      expect(await log.scheduledCheckpoint()).toBeNull();

      await store.append('s-0', [event()], { expectedRevision: 'any' });
      await log.awaitSize(7);
      expect(await log.scheduledCheckpoint()).toMatchObject({ treeSize: 7 });
      await log.awaitSize(8);
      expect((await readiness.report()).checks.ledger).toMatchObject({ ready: true });
    } finally {
      await log.onModuleDestroy();
    }

    const again = await open();
    try {
      expect(again.size).toBe(8);
      expect(again.latestCheckpoint()).toMatchObject({ treeSize: 7 });
      expect(again.checkpointAt(5)).not.toBeNull();
      const events: string[] = [];
      for await (const e of store.readStream(CHECKPOINT_STREAM)) events.push(e.metadata.actorRole);
      expect(events).toEqual(['system', 'system']);
    } finally {
      await again.onModuleDestroy();
    }
  });

  it('answers those waiting for it to grow when it stops, instead of leaving them hanging', async () => {
    // given a caller waiting for a leaf that will never come
    const log = await open();
    const waiting = log.awaitSize(log.size + 100);
    // when the log stops (application shutdown)
    await log.onModuleDestroy();
    // then the caller gets LedgerLogStoppedError, and so does anyone asking afterwards
    await expect(waiting).rejects.toBeInstanceOf(LedgerLogStoppedError);
    await expect(log.awaitSize(log.size + 1)).rejects.toBeInstanceOf(LedgerLogStoppedError);
    // and so does a proof or a root asked of it (the API's 503), not an error of its closed index
    expect(() => log.root()).toThrow(LedgerLogStoppedError);
    expect(() => log.consistency(0, 0)).toThrow(LedgerLogStoppedError);
    expect(() => log.leafIndexOf(randomUUID())).toThrow(LedgerLogStoppedError);
  });

  it('follows the store again after its subscription fails, from the leaf after the last it holds', async () => {
    // given a store whose first subscription fails after delivering one event
    let opened = 0;
    const flaky = Object.assign(Object.create(store) as SqliteEventStore, {
      subscribeToAll(options: Parameters<SqliteEventStore['subscribeToAll']>[0]) {
        opened++;
        const inner = store.subscribeToAll(options);
        if (opened > 1) return inner;
        return {
          close: () => inner.close(),
          async *[Symbol.asyncIterator]() {
            for await (const e of inner) {
              yield e;
              throw new Error('connection reset');
            }
          },
        };
      },
    });
    const log = new LedgerLog(flaky, config, new FixedClock(), key, readiness);
    await log.onModuleInit();
    try {
      const start = log.size;
      // when three events are appended
      for (let i = 0; i < 3; i++) await store.append('s-flaky', [event()], { expectedRevision: 'any' });
      // then the log holds all three, once each, through a second subscription
      await log.awaitSize(start + 3);
      expect(opened).toBe(2);
      const hashes: string[] = [];
      for await (const e of store.readAll()) hashes.push(e.hash);
      expect(log.size).toBe(hashes.length);
      expect(log.root()).toBe(merkleRootOf(hashes.map((h) => merkleLeafHash(entryHashBytes(h)))).toString('base64'));
    } finally {
      await log.onModuleDestroy();
    }
  });

  it('takes up its index on restart, reading from the store only what was appended since', async () => {
    const first = await open();
    await store.append('s-resume', [event(), event()], { expectedRevision: 'any' });
    await first.catchUp();
    const size = first.size;
    const eventId = (await collect(store.readAll({ direction: 'backwards', maxCount: 1 })))[0]!.id;
    const proof = first.inclusion(eventId);
    await first.onModuleDestroy();
    expect(existsSync(join(dir, LEDGER_INDEX_FILE))).toBe(true);

    await store.append('s-resume', [event()], { expectedRevision: 'any' });
    let read = 0;
    const counting = Object.assign(Object.create(store) as SqliteEventStore, {
      readAll(options?: ReadAllOptions) {
        const inner = store.readAll(options);
        return {
          async *[Symbol.asyncIterator]() {
            for await (const e of inner) {
              read++;
              yield e;
            }
          },
        };
      },
    });
    const again = new LedgerLog(counting, config, new FixedClock(), key, readiness);
    await again.onModuleInit();
    try {
      // The last leaf is read again to check it, then the one new event; nothing before.
      expect(read).toBeLessThanOrEqual(3);
      expect(again.size).toBe(size + 1);
      expect(again.root()).toBe(await rootOf(store));
      expect(again.inclusion(eventId, size)).toEqual(proof);
      expect(again.latestCheckpoint()).toMatchObject({ treeSize: 7 });
    } finally {
      await again.onModuleDestroy();
    }
  });

  it('builds its index again when it belongs to another store (the same DATA_DIR, another event file)', async () => {
    const other = new SqliteEventStore({ file: join(dir, 'other-events.sqlite') });
    try {
      for (let i = 0; i < 4; i++) await other.append('o-1', [event()], { expectedRevision: 'any' });
      const log = new LedgerLog(other, config, new FixedClock(), key, readiness);
      await log.onModuleInit();
      try {
        expect(log.size).toBe(4);
        expect(log.root()).toBe(await rootOf(other));
        expect(log.latestCheckpoint()).toBeNull();
      } finally {
        await log.onModuleDestroy();
      }
    } finally {
      await other.close();
    }
    // And back on the first store: built again from it, with its checkpoints.
    const back = await open();
    try {
      expect(back.root()).toBe(await rootOf(store));
      expect(back.latestCheckpoint()).toMatchObject({ treeSize: 7 });
    } finally {
      await back.onModuleDestroy();
    }
  });

  it('keeps a private index when another process (or connection) holds the DATA_DIR one, and removes it when done', async () => {
    const holder = await open();
    const privateDirs = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(PRIVATE_INDEX_PREFIX));
    const before = privateDirs();
    const second = await open();
    const own = privateDirs().filter((f) => !before.includes(f));
    try {
      expect(own).toHaveLength(1);
      await store.append('s-two', [event()], { expectedRevision: 'any' });
      await holder.catchUp();
      await second.catchUp();
      expect(second.size).toBe(holder.size);
      expect(second.root()).toBe(holder.root());
    } finally {
      await second.onModuleDestroy();
      await holder.onModuleDestroy();
    }
    expect(privateDirs()).not.toContain(own[0]);
  });

  it('adds no half leaf when writing one fails: it follows the store again from its last leaf', async () => {
    const log = await open();
    const write = jest.spyOn(LedgerIndex.prototype, 'addLeaf').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    try {
      await store.append('s-fail', [event()], { expectedRevision: 'any' });
      await store.append('s-fail', [event()], { expectedRevision: 'any' });
      await log.catchUp();
      expect(write).toHaveBeenCalled();
      const hashes = await collect(store.readAll());
      expect(log.size).toBe(hashes.length);
      expect(log.root()).toBe(await rootOf(store));
    } finally {
      write.mockRestore();
      await log.onModuleDestroy();
    }
    // What it committed is the same tree.
    const again = await open();
    try {
      expect(again.root()).toBe(await rootOf(store));
    } finally {
      await again.onModuleDestroy();
    }
  });

  it('builds its index again when the file holds leaves or checkpoints but no tree', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'ogp-ledger-log-stray-'));
    const stray = LedgerIndex.open(join(otherDir, LEDGER_INDEX_FILE));
    stray.addLeaf(0, randomUUID(), { commit: 1n, prepare: 1n }, false);
    stray.addCheckpoint(7, 'not a note');
    stray.close();
    const log = new LedgerLog(store, { ...config, DATA_DIR: otherDir }, new FixedClock(), key, readiness);
    await log.onModuleInit();
    try {
      expect(log.root()).toBe(await rootOf(store));
      expect(log.checkpointAt(7)).not.toBe('not a note');
    } finally {
      await log.onModuleDestroy();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});


async function collect(events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}