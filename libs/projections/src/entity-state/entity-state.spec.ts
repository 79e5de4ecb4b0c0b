// Specs of the entity-state read model: current state, as-of from snapshots, milestones and claims by effective date,
// review status and page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StoredEvent, SqliteEventStore } from '@ogp/event-store';
import { allEvents } from '../testing/all-events';
import type { ReadModelDb } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { rebuild } from '../replay/rebuild';
import { type ToyState, toyStateModel } from '../testing/toy-state-model';
import { claimRows, type EntityStateModel } from './state-model';
import { appendToyWorkload, toyEvent } from '../testing/workload';
import { type ClaimCursor, type ClaimQuery, type ClaimView, claimsAsOf, currentState, listClaims, listEntities, listEntitiesWithoutClaims, listMilestones, memberStreams, stateAsOf } from './entity-state.queries';
import { entityStateProjection } from './entity-state.projection';
import { setupAuditTrail } from '../audit-trail/audit-trail.projection';
import { SNAPSHOT_EVERY, snapshotDue } from './entity-state.tables';

const T = (minute: number): string => new Date(Date.UTC(2022, 2, 1) + minute * 60_000).toISOString();

/** A progress claim on commitment C1's milestone M1, recorded at minute `minute`. */
const claimed = (claimId: string, minute: number, completion = 'Limited'): ReturnType<typeof toyEvent> =>
  toyEvent('ProgressClaimed', { memberId: 'SMG', planId: 'P1', claimId, milestoneId: 'M1', completion, effectiveAt: '2022-01-31' }, T(minute));

/** Reference: fold the stream's events recorded at or before asOf, straight from the store. */
function foldDirect(events: readonly StoredEvent[], stream: string, asOf: string): ToyState | null {
  let state = toyStateModel.initialState('plan');
  let any = false;
  for (const e of events) {
    if (e.stream !== stream || e.metadata.recordedAt > asOf) continue;
    state = toyStateModel.evolve('plan', state, e);
    any = true;
  }
  return any ? (state as ToyState) : null;
}

describe('entity state', () => {
  let store: SqliteEventStore;
  let db: ReadModelDb;
  const n = SNAPSHOT_EVERY * 2 + 37;

  beforeAll(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    for (let i = 0; i < n; i++) {
      await store.append('plan-P1', [toyEvent('PlanRevised', { memberId: 'SMG', planId: 'P1', title: `v${i}`, effectiveAt: '2021-01-01' }, T(i * 2))], { expectedRevision: 'any' });
    }
    await store.append('commitment-C1', [
      toyEvent('MilestoneAdded', { memberId: 'SMG', planId: 'P1', milestoneId: 'M1', title: 'Portal live', dueDate: '2022-06-30', effectiveAt: '2021-08-01' }, T(n * 2)),
      toyEvent('ProgressClaimed', { memberId: 'SMG', planId: 'P1', claimId: 'K1', milestoneId: 'M1', completion: 'Limited', effectiveAt: '2022-01-31' }, T(n * 2)),
      toyEvent('ProgressClaimed', { memberId: 'SMG', planId: 'P1', claimId: 'K2', milestoneId: 'M1', completion: 'Complete', effectiveAt: '2022-06-30' }, T(n * 2 + 1)),
    ], { expectedRevision: 'no_stream' });
    await store.append('member-SMG', [toyEvent('MemberRegistered', { memberId: 'SMG', status: 'Active', effectiveAt: '2020-01-01' }, T(0))], { expectedRevision: 'no_stream' });
    db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(toyStateModel), batchSize: 64 });
  });
  afterAll(() => db.close());

  it('keeps the current state with queryable columns', () => {
    const plan = currentState(db, 'plan-P1')!;
    expect(plan).toMatchObject({ kind: 'plan', entityId: 'P1', memberId: 'SMG', title: `v${n - 1}`, revision: n - 1 });
    expect((plan.state as ToyState).events).toBe(n);
    expect(listEntities(db, { memberId: 'SMG' }).map((e) => e.stream)).toEqual(['commitment-C1', 'member-SMG', 'plan-P1']);
    expect(memberStreams(db, 'SMG')).toEqual(['member-SMG', 'commitment-C1', 'plan-P1']);
  });

  it('stores a snapshot every SNAPSHOT_EVERY revisions', () => {
    const revisions = db.prepare("SELECT revision FROM entity_snapshots WHERE stream = 'plan-P1' ORDER BY revision").pluck().all();
    expect(revisions).toEqual([SNAPSHOT_EVERY - 1, 2 * SNAPSHOT_EVERY - 1]);
  });

  it('answers as of any instant just before and just after each change, equal to a direct fold', async () => {
    const events = await allEvents(store);
    for (let i = 0; i < n; i += 7) {
      const at = T(i * 2);
      const before = new Date(Date.parse(at) - 1).toISOString();
      for (const asOf of [before, at]) {
        const expected = foldDirect(events, 'plan-P1', asOf);
        const got = stateAsOf(db, toyStateModel, 'plan-P1', asOf);
        expect(got?.state ?? null).toEqual(expected);
        if (got) expect(got.revision).toBe(expected!.events - 1);
      }
    }
    expect(stateAsOf(db, toyStateModel, 'plan-P1', T(-1))).toBeNull();
  });

  it('lists milestones and claims, and claims by effective date', () => {
    expect(listMilestones(db, { planId: 'P1' }).map((m) => [m.milestoneId, m.dueDate])).toEqual([['M1', '2022-06-30']]);
    expect(listClaims(db, { commitmentId: 'C1' }).map((c) => c.claimId)).toEqual(['K1', 'K2']);
    expect(listClaims(db, { effectiveFrom: '2022-06-01', effectiveTo: '2022-12-31' }).map((c) => c.claimId)).toEqual(['K2']);
  });

  it('answers claims as of a recorded instant from the commitment state', () => {
    const early = stateAsOf(db, toyStateModel, 'commitment-C1', T(n * 2))!;
    expect(claimRows(toyStateModel, early.state).map((c) => c.claimId)).toEqual(['K1']);
    expect(claimsAsOf(db, toyStateModel, { planId: 'P1', asOf: T(n * 2) }).map((c) => c.claimId)).toEqual(['K1']);
    expect(claimsAsOf(db, toyStateModel, { commitmentId: 'C1', asOf: T(n * 2 + 1), effectiveFrom: '2022-06-01' }).map((c) => c.claimId)).toEqual(['K2']);
  });
});

describe('entity state under random workloads', () => {
  it('matches a direct fold for every stream', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await appendToyWorkload(store, 400, 11);
    const db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(toyStateModel), batchSize: 33 });
    const events = await allEvents(store);
    for (const entity of listEntities(db)) {
      const expected = foldDirect(events, entity.stream, '9999');
      expect({ ...(entity.state as ToyState), kind: 'plan' }).toEqual({ ...expected!, kind: 'plan' });
    }
    db.close();
  });
});

describe('a commitment\'s claims', () => {

  it('are stored one row each, not in the commitment\'s row, and put back in order, also by a projection that reloads it', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await store.append('commitment-C1', [claimed('K1', 1), claimed('K2', 2)], { expectedRevision: 'no_stream' });
    const db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(toyStateModel), batchSize: 64 });

    const row = db.prepare("SELECT state, claims_in FROM entity_states WHERE stream = 'commitment-C1'").get() as { state: string; claims_in: string };
    expect(JSON.parse(row.state).claims).toEqual([]);
    expect(row.claims_in).toBe('claims');
    expect(db.prepare("SELECT claim_id, ordinal FROM claims WHERE commitment_id = 'C1' ORDER BY claim_id").all()).toEqual([
      { claim_id: 'K1', ordinal: 0 },
      { claim_id: 'K2', ordinal: 1 },
    ]);

    // A projection with nothing in memory (a restart) loads the commitment from its rows, then K1 gets a second
    // version (in place) and K3 comes after K2.
    await store.append('commitment-C1', [claimed('K1', 3, 'Substantial'), claimed('K3', 4)], { expectedRevision: 1n });
    const fresh = entityStateProjection(toyStateModel);
    fresh.setup(db);
    const later = (await allEvents(store)).slice(2);
    db.transaction(() => {
      for (const event of later) fresh.apply(db, event);
      fresh.flush!(db);
    })();
    // foldDirect folds from a plan's initial state: only `kind` tells them apart.
    const expected = { ...foldDirect(await allEvents(store), 'commitment-C1', '9999')!, kind: 'commitment' };
    const state = currentState(db, 'commitment-C1')!.state as ToyState;
    expect(state.claims.map((c) => [c.id, c.completion])).toEqual([['K1', 'Substantial'], ['K2', 'Limited'], ['K3', 'Limited']]);
    expect(state).toEqual(expected);
    expect(listEntities(db, { kind: 'commitment' })[0]!.state).toEqual(expected);
    // A listing that names entities reads none of their claims: the rest of the state is the same.
    const listed = listEntitiesWithoutClaims(db, { kind: 'commitment' })[0]!;
    expect(listed).toMatchObject({ stream: 'commitment-C1', revision: 3 });
    expect(listed.state).toEqual({ ...expected, claims: [] });
    db.close();
  });
});

describe('a commitment whose claim list is replaced by one as long', () => {
  it('keeps no row of a claim that left the list (live, in two batches, as a rebuild)', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await store.append('commitment-C1', [claimed('K1', 1), claimed('K2', 2)], { expectedRevision: 'no_stream' });
    await store.append('commitment-C1', [toyEvent('ClaimsReset', {}, T(3)), claimed('K3', 4), claimed('K4', 5)], { expectedRevision: 1n });
    const events = await allEvents(store);
    const db = openReadModelDb({ file: ':memory:' });
    const projection = entityStateProjection(toyStateModel);
    projection.setup(db);
    // listClaims reads when a claim version was recorded from the audit trail, which shares the database in use.
    setupAuditTrail(db);
    for (const batch of [events.slice(0, 2), events.slice(2)]) {
      db.transaction(() => {
        for (const event of batch) projection.apply(db, event);
        projection.flush!(db);
      })();
    }
    expect((currentState(db, 'commitment-C1')!.state as ToyState).claims.map((c) => c.id)).toEqual(['K3', 'K4']);
    expect(listClaims(db, { commitmentId: 'C1' }).map((c) => c.claimId)).toEqual(['K3', 'K4']);
    db.close();
  });
});

describe('a commitment read while the runner commits', () => {
  it('has the claims of the batch its row comes from, not of one committed between the two reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogp-entity-'));
    const store = new SqliteEventStore({ file: ':memory:' });
    await store.append('commitment-C1', [claimed('K1', 1), claimed('K2', 2)], { expectedRevision: 'no_stream' });
    await store.append('commitment-C1', [claimed('K3', 3)], { expectedRevision: 1n });
    const [first, second] = [(await allEvents(store)).slice(0, 2), (await allEvents(store)).slice(2)];
    const writer = openReadModelDb({ file: join(dir, 'read-models.sqlite') });
    const projection = entityStateProjection(toyStateModel);
    projection.setup(writer);
    const commit = (events: readonly StoredEvent[]) =>
      writer.transaction(() => {
        for (const event of events) projection.apply(writer, event);
        projection.flush!(writer);
      })();
    commit(first);

    // The reader's claim query runs right after the writer commits the next batch (K3, revision 2).
    const reader = openReadModelDb({ file: join(dir, 'read-models.sqlite'), readonly: true });
    const between = new Proxy(reader, {
      get(target, property) {
        if (property !== 'prepare') {
          const value = Reflect.get(target, property) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!sql.includes('FROM claims')) return statement;
          return {
            pluck() {
              statement.pluck();
              return this;
            },
            all(...args: unknown[]) {
              commit(second);
              return statement.all(...args);
            },
          };
        };
      },
    });
    const read = currentState(between, 'commitment-C1')!;
    expect(read.revision).toBe(1);
    expect((read.state as ToyState).claims.map((c) => c.id)).toEqual(['K1', 'K2']);
    // And the next read sees the whole later batch.
    expect((currentState(reader, 'commitment-C1')!.state as ToyState).claims.map((c) => c.id)).toEqual(['K1', 'K2', 'K3']);
    reader.close();
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a commitment whose state grows large', () => {
  // Claims of about 2 kB each (1,000 characters of 2 bytes: bytes, not characters, space snapshots): the state passes SNAPSHOT_EVERY * SNAPSHOT_BYTES_PER_EVENT bytes by its 100th event.
  const count = 700;
  const big = (i: number): ReturnType<typeof toyEvent> =>
    toyEvent('ProgressClaimed', { memberId: 'SMG', planId: 'P1', claimId: `K${i}-${'é'.repeat(1000)}`, milestoneId: 'M1', completion: 'Limited', effectiveAt: '2022-01-31' }, T(i));
  /** Each snapshot's revision and recorded length, checked against the length of the state it holds. */
  const snapshots = (db: ReadModelDb): { revision: number; bytes: number }[] => {
    const rows = db
      .prepare("SELECT revision, bytes, length(CAST(state AS BLOB)) AS actual FROM entity_snapshots WHERE stream = 'commitment-C1' ORDER BY revision")
      .all() as { revision: number; bytes: number; actual: number }[];
    for (const row of rows) expect(row.bytes).toBe(row.actual);
    return rows.map(({ revision, bytes }) => ({ revision, bytes }));
  };

  it('is snapshotted further apart as it grows, the same whether built at once or reloaded midway, and read as of any instant', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await store.append('commitment-C1', Array.from({ length: count }, (_, i) => big(i)), { expectedRevision: 'no_stream' });
    const events = await allEvents(store);
    const whole = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db: whole, projections: createProjections(toyStateModel), batchSize: 64 });

    const taken = snapshots(whole);
    expect(taken[0]).toMatchObject({ revision: SNAPSHOT_EVERY - 1 });
    for (let i = 1; i < taken.length; i++) {
      // Each one as far after the last as snapshotDue asks, and no further.
      expect(snapshotDue(BigInt(taken[i]!.revision), BigInt(taken[i - 1]!.revision), taken[i - 1]!.bytes)).toBe(true);
      expect(snapshotDue(BigInt(taken[i]!.revision - 1), BigInt(taken[i - 1]!.revision), taken[i - 1]!.bytes)).toBe(false);
    }
    expect(taken[1]!.revision - taken[0]!.revision).toBeGreaterThan(SNAPSHOT_EVERY * 2);
    // Stored in all: a few times the final state, where every SNAPSHOT_EVERY events would store it count / 200 times.
    const final = Buffer.byteLength(JSON.stringify(currentState(whole, 'commitment-C1')!.state));
    expect(taken.reduce((sum, t) => sum + t.bytes, 0)).toBeLessThan(final * 2);

    // Built in two runs, the second by a projection with nothing in memory (a restart): the same snapshots.
    const halves = openReadModelDb({ file: ':memory:' });
    for (const part of [events.slice(0, 250), events.slice(250)]) {
      const projection = entityStateProjection(toyStateModel);
      projection.setup(halves);
      halves.transaction(() => {
        for (const event of part) projection.apply(halves, event);
        projection.flush!(halves);
      })();
    }
    expect(snapshots(halves)).toEqual(taken);

    // As of instants far past the last snapshot, where the fold runs over more than SNAPSHOT_EVERY events.
    for (const minute of [taken[1]!.revision + SNAPSHOT_EVERY + 50, count - 1]) {
      const got = stateAsOf(whole, toyStateModel, 'commitment-C1', T(minute))!;
      expect(got.revision).toBe(minute);
      expect(got.state).toEqual({ ...foldDirect(events, 'commitment-C1', T(minute))!, kind: 'commitment' });
    }
    whole.close();
    halves.close();
  });
});

describe('claims listed for review', () => {
  /** The toy model with a review status per claim: read from its completion, so claims differ in status. */
  const reviewed: EntityStateModel = {
    ...toyStateModel,
    claimRow(claim) {
      const row = toyStateModel.claimRow(claim);
      return { ...row, status: row.completion === 'Complete' ? 'Verified' : row.completion === 'Limited' ? 'Submitted' : 'Evidence Requested' };
    },
  };
  const completions = ['Limited', 'Complete', 'Substantial'];
  // Few effective dates (and some claims without one) over three commitments of two members: many ties to break.
  const dates = ['2022-03-31', '2022-01-31', null, '2022-06-30', '2022-01-31'];
  let db: ReadModelDb;
  /** Every claim in the order listClaims promises, built here from what was appended. */
  let ordered: { claimId: string; commitmentId: string; memberId: string; status: string; effectiveAt: string | null }[];

  beforeAll(async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    ordered = [];
    let minute = 0;
    for (const [member, commitment] of [['SMG', 'C2'], ['SMG', 'C1'], ['BJN', 'C3']] as const) {
      const events = Array.from({ length: 13 }, (_, i) => {
        const claimId = `K${(i * 7) % 13}`;
        const effectiveAt = dates[i % dates.length]!;
        const completion = completions[i % completions.length]!;
        ordered.push({ claimId, commitmentId: commitment, memberId: member, status: reviewed.claimRow({ id: claimId, milestoneId: 'M1', completion, effectiveAt }).status!, effectiveAt });
        const data = { memberId: member, planId: `${member}-P1`, claimId, milestoneId: 'M1', completion, ...(effectiveAt === null ? {} : { effectiveAt }) };
        return toyEvent('ProgressClaimed', data, T(minute++));
      });
      await store.append(`commitment-${commitment}`, events, { expectedRevision: 'no_stream' });
    }
    // Null effective dates first, as SQLite sorts them; then commitment and claim ids, compared as SQLite does (code units).
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    ordered.sort(
      (a, b) =>
        Number(a.effectiveAt !== null) - Number(b.effectiveAt !== null) ||
        compare(a.effectiveAt ?? '', b.effectiveAt ?? '') ||
        compare(a.commitmentId, b.commitmentId) ||
        compare(a.claimId, b.claimId),
    );
    db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(reviewed), batchSize: 16 });
    await store.close();
  });
  afterAll(() => db.close());

  const ids = (claims: readonly ClaimView[]) => claims.map((c) => `${c.commitmentId}/${c.claimId}`);
  const idsOf = (claims: typeof ordered) => claims.map((c) => `${c.commitmentId}/${c.claimId}`);

  /** Every page of a query, each at most `limit` long, each starting after the last claim of the one before. */
  function pages(query: ClaimQuery, limit: number): ClaimView[][] {
    const out: ClaimView[][] = [];
    let after: ClaimCursor | undefined;
    for (;;) {
      const page = listClaims(db, { ...query, after, limit });
      expect(page.length).toBeLessThanOrEqual(limit);
      if (page.length === 0) return out;
      out.push(page);
      if (out.length > 100) throw new Error('paging does not end');
      const last = page.at(-1)!;
      after = { effectiveAt: last.effectiveAt, commitmentId: last.commitmentId, claimId: last.claimId };
    }
  }

  it('lists every claim in (effective date, commitment, claim) order, without a limit by default', () => {
    expect(ordered).toHaveLength(39);
    expect(ids(listClaims(db))).toEqual(idsOf(ordered));
  });

  it('filters by review status, alone and with the other filters', () => {
    expect(ids(listClaims(db, { status: 'Evidence Requested' }))).toEqual(idsOf(ordered.filter((c) => c.status === 'Evidence Requested')));
    const queue = listClaims(db, { status: 'Submitted', memberId: 'SMG', effectiveFrom: '2022-01-31', effectiveTo: '2022-03-31' });
    expect(queue.length).toBeGreaterThan(0);
    expect(ids(queue)).toEqual(idsOf(ordered.filter((c) => c.status === 'Submitted' && c.memberId === 'SMG' && c.effectiveAt !== null && c.effectiveAt >= '2022-01-31' && c.effectiveAt <= '2022-03-31')));
    expect(listClaims(db, { status: 'Disputed' })).toEqual([]);
  });

  it('pages through every claim with no gap and no repeat, across ties and claims without an effective date', () => {
    for (const limit of [1, 2, 3, 5, 13, 38, 39, 40]) {
      const got = pages({}, limit);
      expect({ limit, ids: ids(got.flat()) }).toEqual({ limit, ids: idsOf(ordered) });
      expect(got.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
  });

  it('pages through a filtered list the same way', () => {
    const query: ClaimQuery = { memberId: 'SMG', status: 'Submitted' };
    const expected = idsOf(ordered.filter((c) => c.memberId === 'SMG' && c.status === 'Submitted'));
    for (const limit of [1, 2, 4]) expect(ids(pages(query, limit).flat())).toEqual(expected);
    // A cursor after the last claim: an empty page.
    const last = ordered.at(-1)!;
    expect(listClaims(db, { after: { effectiveAt: last.effectiveAt, commitmentId: last.commitmentId, claimId: last.claimId } })).toEqual([]);
  });
});
