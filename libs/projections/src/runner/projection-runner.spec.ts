// Specs of the projection runner: checkpointed resume, batching, crash convergence, waitFor and lag.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection, ReadModelDb } from '../projection';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { entityStateProjection } from '../entity-state/entity-state.projection';
import { openReadModelDb } from '../read-model-db';
import { checksumProjection } from '../replay/checksum';
import { rebuild } from '../replay/rebuild';
import { type EventStore, SqliteEventStore } from '@ogp/event-store';
import { toyStateModel } from '../testing/toy-state-model';
import { appendToyWorkload } from '../testing/workload';
import { readAllCheckpoints } from './checkpoints';
import { ReadModelTimeoutError } from './errors';
import { ProjectionRunner } from './projection-runner';

const projections = (): Projection[] => [auditTrailProjection(), entityStateProjection(toyStateModel)];

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function checksums(db: ReadModelDb): string[] {
  return projections().map((p) => checksumProjection(db, p));
}

async function referenceChecksums(store: EventStore): Promise<string[]> {
  const db = openReadModelDb({ file: ':memory:', mode: 'rebuild' });
  await rebuild({ store, db, projections: projections() });
  const sums = checksums(db);
  db.close();
  return sums;
}

/** Wraps a projection so that its apply throws once, on the n-th call. */
function failingOnce(p: Projection, n: number): Projection {
  let calls = 0;
  return {
    ...p,
    apply(db, e) {
      calls++;
      p.apply(db, e);
      if (calls === n) throw new Error('boom mid-batch');
    },
  };
}

const stores: [string, () => EventStore][] = [
  ['SqliteEventStore', () => new SqliteEventStore({ file: ':memory:' })],
];

describe.each(stores)('ProjectionRunner over a %s', (_name, newStore) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'proj-runner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every event and checkpoints the head', async () => {
    const store = newStore();
    await appendToyWorkload(store, 120, 1);
    const db = openReadModelDb({ file: ':memory:' });
    const runner = new ProjectionRunner({ store, db, projections: projections(), batchSize: 25 });
    runner.start();
    const head = (await store.headPosition())!;
    await expect(runner.waitFor(head, 2000)).resolves.toEqual(head);
    expect(db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(120);
    expect(readAllCheckpoints(db).map((c) => c.position)).toEqual([head, head]);
    await runner.stop();
    expect(checksums(db)).toEqual(await referenceChecksums(store));
  });

  it('resumes after a restart with no gap and no double application', async () => {
    const store = newStore();
    await appendToyWorkload(store, 60, 2);
    const file = join(dir, 'rm.sqlite');
    let db = openReadModelDb({ file });
    let runner = new ProjectionRunner({ store, db, projections: projections(), batchSize: 10 });
    runner.start();
    await runner.waitFor((await store.headPosition())!, 2000);
    await runner.stop();
    db.close();

    await appendToyWorkload(store, 45, 3, Date.UTC(2022, 5, 1));
    db = openReadModelDb({ file });
    runner = new ProjectionRunner({ store, db, projections: projections(), batchSize: 10 });
    runner.start();
    await runner.waitFor((await store.headPosition())!, 2000);
    await runner.stop();
    const seqs = db.prepare('SELECT commit_pos FROM audit_events ORDER BY seq').pluck().all() as number[];
    expect(seqs).toEqual(Array.from({ length: 105 }, (_, i) => i + 1));
    expect(checksums(db)).toEqual(await referenceChecksums(store));
    db.close();
  });

  it('gives the same read models whatever the batch boundaries', async () => {
    const store = newStore();
    await appendToyWorkload(store, 333, 4);
    const reference = await referenceChecksums(store);
    for (const batchSize of [1, 7, 100, 1000]) {
      const db = openReadModelDb({ file: ':memory:' });
      const runner = new ProjectionRunner({ store, db, projections: projections(), batchSize });
      runner.start();
      await runner.waitFor((await store.headPosition())!, 5000);
      await runner.stop();
      expect(checksums(db)).toEqual(reference);
      db.close();
    }
  });

  it('rolls back a batch that throws mid-way and converges after a restart', async () => {
    const store = newStore();
    await appendToyWorkload(store, 200, 5);
    const db = openReadModelDb({ file: ':memory:' });
    const errors: unknown[] = [];
    const [audit, state] = projections();
    const runner = new ProjectionRunner({
      store,
      db,
      projections: [audit!, failingOnce(state!, 137)],
      batchSize: 50,
      onError: (e) => errors.push(e),
    });
    runner.start();
    await until(() => runner.state === 'failed');
    expect(errors).toHaveLength(1);
    // The failed batch (events 101..137) left nothing behind: both projections sit at event 100.
    expect(readAllCheckpoints(db).map((c) => c.position?.commit)).toEqual([100n, 100n]);
    expect(db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(100);
    runner.start();
    await runner.waitFor((await store.headPosition())!, 2000);
    await runner.stop();
    expect(checksums(db)).toEqual(await referenceChecksums(store));
  });

  it('converges after the database is closed under an open batch', async () => {
    const store = newStore();
    await appendToyWorkload(store, 40, 6);
    const file = join(dir, 'crash.sqlite');
    let db = openReadModelDb({ file });
    const first = new ProjectionRunner({ store, db, projections: projections(), batchSize: 1000, batchMs: 60_000 });
    first.start();
    await until(() => db.inTransaction);
    await new Promise((r) => setTimeout(r, 20));
    db.close(); // the open batch is lost, as in a crash
    await appendToyWorkload(store, 10, 7, Date.UTC(2022, 3, 1));
    await until(() => first.state === 'failed');

    db = openReadModelDb({ file });
    const second = new ProjectionRunner({ store, db, projections: projections() });
    second.start();
    await second.waitFor((await store.headPosition())!, 2000);
    await second.stop();
    expect(checksums(db)).toEqual(await referenceChecksums(store));
    db.close();
  });

  it('shares its database with a second writer (a CLI catch-up) without applying any event twice', async () => {
    const store = newStore();
    await appendToyWorkload(store, 80, 12);
    const file = join(dir, 'shared.sqlite');
    const apiDb = openReadModelDb({ file });
    const runner = new ProjectionRunner({ store, db: apiDb, projections: projections(), batchSize: 10 });
    runner.start();
    await runner.waitFor((await store.headPosition())!, 2000);
    // Another process holds the write lock only between our batches; in one process we let the runner pause.
    await runner.stop();
    await appendToyWorkload(store, 40, 13, Date.UTC(2022, 8, 1));
    const cliDb = openReadModelDb({ file });
    await rebuild({ store, db: cliDb, projections: projections(), batchSize: 7 });
    cliDb.close();
    await appendToyWorkload(store, 5, 14, Date.UTC(2022, 10, 1));
    runner.start(); // resubscribes from its own (now stale) position: events 81..120 come again and must be skipped
    await runner.waitFor((await store.headPosition())!, 2000);
    await runner.stop();
    expect(apiDb.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(125);
    expect(checksums(apiDb)).toEqual(await referenceChecksums(store));
    apiDb.close();
  });

  it('waitFor resolves once a new write is applied, and times out with the position reflected', async () => {
    const store = newStore();
    const db = openReadModelDb({ file: ':memory:' });
    const runner = new ProjectionRunner({ store, db, projections: projections(), batchMs: 5 });
    runner.start();
    await appendToyWorkload(store, 3, 8);
    const head = (await store.headPosition())!;
    await expect(runner.waitFor(head, 2000)).resolves.toEqual(head);
    const future = { commit: head.commit + 10n, prepare: head.commit + 10n };
    const error = await runner.waitFor(future, 30).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadModelTimeoutError);
    expect((error as ReadModelTimeoutError).reflected).toEqual(head);
    await runner.stop();
  });

  it('retries after a failure by itself, and a read waiting meanwhile still gets its position', async () => {
    const store = newStore();
    await appendToyWorkload(store, 30, 15);
    const db = openReadModelDb({ file: ':memory:' });
    const [audit, state] = projections();
    const runner = new ProjectionRunner({ store, db, projections: [audit!, failingOnce(state!, 12)], batchSize: 10, retryMs: 100 });
    runner.start();
    await until(() => runner.state === 'failed');
    const head = (await store.headPosition())!;
    await expect(runner.waitFor(head, 2000)).resolves.toEqual(head);
    expect(runner.state).toBe('running');
    await runner.stop();
    expect(checksums(db)).toEqual(await referenceChecksums(store));
  });

  it('reports its lag in events and seconds', async () => {
    const store = newStore();
    await appendToyWorkload(store, 30, 9, Date.UTC(2022, 0, 1));
    const db = openReadModelDb({ file: ':memory:' });
    const now = Date.UTC(2022, 0, 1) + 3600_000;
    const runner = new ProjectionRunner({ store, db, projections: projections(), now: () => now });
    expect(await runner.lag()).toMatchObject({ events: 30, seconds: 3600, position: null });
    runner.start();
    await runner.waitFor((await store.headPosition())!, 2000);
    expect(await runner.lag()).toMatchObject({ events: 0, seconds: 0 });
    await runner.stop();
  });

  it('rebuilds a projection whose version changed', async () => {
    const store = newStore();
    await appendToyWorkload(store, 20, 10);
    const db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: projections() });
    db.exec('DELETE FROM audit_events WHERE seq > 5'); // damage that only a rebuild repairs
    const bumped = { ...auditTrailProjection(), version: auditTrailProjection().version + 1 };
    const runner = new ProjectionRunner({ store, db, projections: [bumped, entityStateProjection(toyStateModel)] });
    runner.start();
    await runner.waitFor((await store.headPosition())!, 2000);
    await runner.stop();
    expect(db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(20);
    expect(readAllCheckpoints(db).find((c) => c.name === 'audit-trail')?.version).toBe(bumped.version);
  });
});
