// LedgerLog over a real SQLite store: follows appends live, skips idle scheduled checkpoints, rebuilds its index.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, SqliteEventStore } from '@ogp/event-store';
import { CHECKPOINT_STREAM, generateNoteKey, merkleRootOf, merkleLeafHash, entryHashBytes, openCheckpoint, parseSignerKey } from '@ogp/ledger';
import { FixedClock } from '../clock/fixed-clock';
import type { ResolvedConfig } from '../config/app-config';
import { ReadinessService } from '../metrics/readiness.service';
import { LedgerLog, LedgerLogStoppedError } from './ledger-log';
import type { LedgerSigningKey } from './signing-key';

const ORIGIN = 'ogp.example/log';
const keys = generateNoteKey(ORIGIN);
const key: LedgerSigningKey = { signer: parseSignerKey(keys.signerKey), verifierKey: keys.verifierKey };
const config = { LEDGER_ORIGIN: ORIGIN, CHECKPOINT_INTERVAL_SECONDS: 3600 } as ResolvedConfig;

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'ProgressClaimed',
  schemaVersion: 1,
  data: { n: 1 },
  metadata: { actorId: 'a', actorRole: 'admin', commandId: 'c', correlationId: 'c', causationId: null, reason: null, recordedAt: '2026-01-01T00:00:00.000Z' },
});

describe('LedgerLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-ledger-log-'));
  const file = join(dir, 'events.sqlite');
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
});
