// Specs of replay and checksums: a rebuild equals the live read models after random workloads; tampering shows.
import fc from 'fast-check';
import { SqliteEventStore } from '@ogp/event-store';
import { currentState, stateAsOf } from '../entity-state/entity-state.queries';
import { type ToyState } from '../testing/toy-state-model';
import type { ReadModelDb } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import { toyStateModel } from '../testing/toy-state-model';
import { appendToyWorkload } from '../testing/workload';
import { catchUp, checksum, checksumReadModels, replayAndCompare } from './replay';
import { rebuild, type RebuildProgress } from './rebuild';

async function liveDb(store: SqliteEventStore, batchSize: number): Promise<ReadModelDb> {
  const db = openReadModelDb({ file: ':memory:' });
  const runner = new ProjectionRunner({ store, db, projections: createProjections(toyStateModel), batchSize });
  runner.start();
  const head = await store.headPosition();
  if (head) await runner.waitFor(head, 5000);
  await runner.stop();
  return db;
}

describe('replay', () => {
  it('rebuilds read models equal to the live ones after random workloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 1, max: 80 }), fc.integer(), async (events, batchSize, seed) => {
        const store = new SqliteEventStore({ file: ':memory:' });
        await appendToyWorkload(store, events, seed);
        const live = await liveDb(store, batchSize);
        const report = await replayAndCompare({ store, model: toyStateModel, live });
        live.close();
        expect(report.results.map((r) => r.readModel)).toEqual(['audit-trail', 'entity-state']);
        expect(report.equal).toBe(true);
        expect(report.events).toBe(events);
      }),
      { numRuns: 12 },
    );
  });

  it('reports progress and tells a tampered read model apart', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await appendToyWorkload(store, 120, 21);
    const live = await liveDb(store, 50);
    live.prepare("UPDATE audit_events SET effective_at = '1999-01-01' WHERE seq = 7").run();
    const progress: RebuildProgress[] = [];
    const report = await replayAndCompare({ store, model: toyStateModel, live, onProgress: (p) => progress.push(p) });
    expect(report.results.map((r) => [r.readModel, r.equal])).toEqual([
      ['audit-trail', false],
      ['entity-state', true],
    ]);
    expect(report.equal).toBe(false);
    expect(progress.at(-1)).toMatchObject({ done: 120, total: 120 });
    live.close();
  });

  it('refuses to compare while the live read models stand at different positions, rather than report a false mismatch', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await appendToyWorkload(store, 40, 24);
    const live = await liveDb(store, 10);
    live.prepare("UPDATE projection_checkpoints SET commit_pos = 30, prepare_pos = 30 WHERE name = 'entity-state'").run();
    await expect(replayAndCompare({ store, model: toyStateModel, live })).rejects.toThrow(/different positions/);
    live.close();
  });

  it('gives a checksum at a past position equal to the live one taken then', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await appendToyWorkload(store, 60, 22);
    const live = await liveDb(store, 16);
    const then = checksumReadModels(live, toyStateModel);
    const thenPosition = (await store.headPosition())!;
    live.close();
    await appendToyWorkload(store, 30, 23, Date.UTC(2023, 0, 1));
    const later = await liveDb(store, 16);
    const now = await checksum({ store, model: toyStateModel, live: later }, 'entity-state');
    expect(now.position).toBe('90/90');
    const past = await checksum({ store, model: toyStateModel, live: later }, 'entity-state', thenPosition);
    expect(past).toEqual(then.find((c) => c.readModel === 'entity-state'));
    expect(past.sha256).not.toBe(now.sha256);
    later.close();
  });

  it('folds upcast data, live and rebuilt alike', async () => {
    const store = new SqliteEventStore({
      file: ':memory:',
      upcasters: [{ type: 'PlanRevised', fromVersion: 1, upcast: (d) => ({ ...d, title: `${String(d['title'])} (v2)` }) }],
    });
    await appendToyWorkload(store, 60, 31);
    const live = await liveDb(store, 9);
    const plan = currentState(live, 'plan-SMG-P0') ?? currentState(live, 'plan-TBL-P0')!;
    expect((plan.state as ToyState).title).toMatch(/ \(v2\)$/);
    expect((stateAsOf(live, toyStateModel, plan.stream, '2030-01-01')!.state as ToyState).title).toMatch(/ \(v2\)$/);
    expect((await replayAndCompare({ store, model: toyStateModel, live })).equal).toBe(true);
    live.close();
    await store.close();
  });

  it('ends a bulk load with every index a live database has, and catches up into a non-empty database', async () => {
    const indexes = (db: ReadModelDb): unknown[] =>
      db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
    const store = new SqliteEventStore({ file: ':memory:' });
    await appendToyWorkload(store, 80, 41);
    const live = await liveDb(store, 13);
    const fresh = openReadModelDb({ file: ':memory:', mode: 'rebuild' });
    const half = (await store.headPosition())!;
    await rebuild({ store, db: fresh, projections: createProjections(toyStateModel), until: { commit: half.commit / 2n, prepare: half.prepare / 2n } });
    expect(indexes(fresh)).toEqual(indexes(live));
    await catchUp({ store, model: toyStateModel, db: fresh });
    expect(indexes(fresh)).toEqual(indexes(live));
    expect(indexes(live)).toHaveLength(6);
    expect(checksumReadModels(fresh, toyStateModel)).toEqual(checksumReadModels(live, toyStateModel));
    fresh.close();
    live.close();
  });
});
