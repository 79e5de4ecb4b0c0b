// Specs of the audit trail: per-entity and global history with actor, reason, dates and hashes; as-of; diffs.
import { SqliteEventStore } from '@ogp/event-store';
import { allEvents } from '../testing/all-events';
import type { ReadModelDb } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { rebuild } from '../replay/rebuild';
import { toyStateModel } from '../testing/toy-state-model';
import { toyEvent } from '../testing/workload';
import { entityHistory, eventsOfStreams, globalFeed } from './audit-trail.queries';
import { AUDIT_TABLE, setupAuditTrail } from './audit-trail.projection';
import { diffBetween, diffWindow, DiffWindowError } from './diff.queries';

const T = (minute: number): string => new Date(Date.UTC(2022, 2, 1) + minute * 60_000).toISOString();

describe('audit trail', () => {
  let store: SqliteEventStore;
  let db: ReadModelDb;

  beforeAll(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.append('plan-P1', [toyEvent('PlanDrafted', { memberId: 'SMG', planId: 'P1', effectiveAt: '2021-01-01' }, T(0))], { expectedRevision: 'no_stream' });
    await store.append('ledger-checkpoints', [toyEvent('CheckpointSigned', { size: 1 }, T(1))], { expectedRevision: 'any' });
    await store.append('commitment-C1', [toyEvent('CommitmentAdded', { memberId: 'SMG', planId: 'P1', effectiveAt: '2021-02-01' }, T(2))], { expectedRevision: 'no_stream' });
    await store.append('plan-P1', [toyEvent('PlanRevised', { memberId: 'SMG', planId: 'P1', title: 'v2', effectiveAt: '2021-03-01' }, T(3), 'typo in title')], { expectedRevision: 0n });
    await store.append('plan-P1', [toyEvent('PlanSubmitted', { memberId: 'SMG', planId: 'P1', effectiveAt: '2021-07-30' }, T(5))], { expectedRevision: 1n });
    db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(toyStateModel) });
  });
  afterAll(() => db.close());

  it('lists an entity history with actor, role, reason, dates, correlation id and hash', async () => {
    const history = entityHistory(db, 'plan-P1');
    expect(history.map((e) => e.type)).toEqual(['PlanDrafted', 'PlanRevised', 'PlanSubmitted']);
    const stored = (await allEvents(store)).filter((e) => e.stream === 'plan-P1')[1]!;
    expect(history[1]).toMatchObject({
      entityKind: 'plan',
      entityId: 'P1',
      revision: 1,
      actorId: stored.metadata.actorId,
      actorRole: stored.metadata.actorRole,
      reason: 'typo in title',
      recordedAt: T(3),
      effectiveAt: '2021-03-01',
      correlationId: stored.metadata.correlationId,
      hash: stored.hash,
      prevHash: history[0]!.hash,
      position: { commit: '4', prepare: '4' },
    });
  });

  it('answers as of an instant: just before and just after a change', () => {
    const justBefore = new Date(Date.parse(T(3)) - 1).toISOString();
    expect(entityHistory(db, 'plan-P1', { asOf: justBefore }).map((e) => e.revision)).toEqual([0]);
    expect(entityHistory(db, 'plan-P1', { asOf: T(3) }).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('pages the global feed in global order, leaving out ledger checkpoints', () => {
    const first = globalFeed(db, { limit: 2 });
    expect(first.entries.map((e) => e.type)).toEqual(['PlanDrafted', 'CommitmentAdded']);
    const second = globalFeed(db, { after: first.next!, limit: 2 });
    expect(second.entries.map((e) => e.type)).toEqual(['PlanRevised', 'PlanSubmitted']);
    expect(second.next).toBeNull();
    expect(globalFeed(db, { asOf: T(2) }).entries).toHaveLength(2);
  });

  it('diffs two instants: which entities, which events, who and why', () => {
    const diff = diffBetween(db, T(2), T(5));
    expect(diff.eventCount).toBe(2);
    expect(diff.entities).toHaveLength(1);
    expect(diff.entities[0]).toMatchObject({ stream: 'plan-P1', fromRevision: 0, toRevision: 2 });
    expect(diff.entities[0]!.events.map((e) => e.reason)).toEqual(['typo in title', null]);
    const everything = diffBetween(db, T(-1), T(5));
    expect(everything.entities.map((e) => [e.stream, e.fromRevision])).toEqual([
      ['plan-P1', null],
      ['commitment-C1', null],
    ]);
    expect(everything.actors.reduce((n, a) => n + a.events, 0)).toBe(4);
    expect(() => diffBetween(db, T(5), T(2))).toThrow(RangeError);
  });

  it('takes a bare date as `from` from the start of that day: from=to=the day is the whole day', () => {
    // T(0) is midnight: the first instant of 2022-03-01
    expect(diffBetween(db, '2022-03-01', '2022-03-01')).toMatchObject({ from: '2022-02-28T23:59:59.999Z', to: '2022-03-01T23:59:59.999Z', eventCount: 4 });
    expect(diffBetween(db, '2022-02-28', '2022-02-28').eventCount).toBe(0);
    expect(diffBetween(db, '2022-03-01', T(2)).eventCount).toBe(2);
  });

  it("takes a member's bare dates as days in its time zone, and gives the window's instants back", () => {
    // T(0)..T(5) are 07:00-07:05 on 1 March in Jakarta (UTC+7), 19:00-19:05 on 28 February in New York (UTC-5).
    expect(diffWindow('2026-12-04', '2026-12-04', 'Asia/Jakarta')).toEqual({ from: '2026-12-03T16:59:59.999Z', to: '2026-12-04T16:59:59.999Z' });
    expect(diffBetween(db, '2022-03-01', '2022-03-01', { timeZone: 'Asia/Jakarta' })).toMatchObject({ from: '2022-02-28T16:59:59.999Z', to: '2022-03-01T16:59:59.999Z', eventCount: 4 });
    expect(diffBetween(db, '2022-02-28', '2022-02-28', { timeZone: 'Asia/Jakarta' }).eventCount).toBe(0);
    expect(diffBetween(db, '2022-02-28', '2022-02-28', { timeZone: 'America/New_York' }).eventCount).toBe(4);
    expect(diffBetween(db, '2022-03-01', '2022-03-01', { timeZone: 'America/New_York' }).eventCount).toBe(0);
    // An instant is the instant it names, in any zone.
    expect(diffWindow(T(2), T(5), 'Asia/Jakarta')).toEqual({ from: T(2), to: T(5) });
    // The ends of the calendar, where no zone's day is worked out, are UTC's days.
    expect(diffWindow('0001-01-01', '9999-12-31', 'Asia/Jakarta')).toEqual({ from: '0000-12-31T23:59:59.999Z', to: '9999-12-31T23:59:59.999Z' });
  });

  it('orders the window once bare dates are instants: a date as `to` ends with its day', () => {
    // 00:02 UTC is before the end of 1 March, though after the date's midnight.
    expect(diffBetween(db, T(2), '2022-03-01').eventCount).toBe(2);
    expect(() => diffBetween(db, '2022-03-01', T(-1))).toThrow(DiffWindowError);
    expect(() => diffBetween(db, '2022-03-01', '2022-02-28', { timeZone: 'Asia/Jakarta' })).toThrow(DiffWindowError);
  });

  it('limits the events of the streams asked for, and says when it left some out', () => {
    // the commitment's one event comes after plan events: a limit applied before the stream filter would hide it
    const commitment = diffBetween(db, T(-1), T(5), { streams: ['commitment-C1'], limit: 1 });
    expect(commitment).toMatchObject({ eventCount: 1, truncated: false });
    expect(commitment.entities.map((e) => e.stream)).toEqual(['commitment-C1']);
    const plan = diffBetween(db, T(-1), T(5), { streams: ['plan-P1'], limit: 2 });
    expect(plan).toMatchObject({ eventCount: 3, truncated: true });
    expect(plan.entities[0]!.events).toHaveLength(2);
  });

  it('names every entity, its revisions and every actor of the window even when it lists fewer events', () => {
    const full = diffBetween(db, T(-1), T(5));
    const cut = diffBetween(db, T(-1), T(5), { limit: 1 });
    expect(cut).toMatchObject({ eventCount: 4, truncated: true });
    expect(cut.entities.map(({ events, ...e }) => [e, events.length])).toEqual([
      [{ stream: 'plan-P1', entityKind: 'plan', entityId: 'P1', fromRevision: null, toRevision: 2, eventCount: 3 }, 1],
      [{ stream: 'commitment-C1', entityKind: 'commitment', entityId: 'C1', fromRevision: null, toRevision: 0, eventCount: 1 }, 0],
    ]);
    expect(cut.actors).toEqual(full.actors);
  });

  it('reads streams in the global order, a row at a time, whatever their length', () => {
    expect([...eventsOfStreams(db, ['commitment-C1', 'plan-P1'])].map((e) => [e.stream, e.revision])).toEqual([
      ['plan-P1', 0],
      ['commitment-C1', 0],
      ['plan-P1', 1],
      ['plan-P1', 2],
    ]);
    expect([...eventsOfStreams(db, ['plan-P1'], T(3))].map((e) => e.revision)).toEqual([0, 1]);
  });

  it('reads a member’s streams whatever their length (a stream past ~125,000 events overflowed the call stack)', () => {
    const big = openReadModelDb({ file: ':memory:' });
    setupAuditTrail(big);
    const insert = big.prepare(`INSERT INTO ${AUDIT_TABLE} (commit_pos, prepare_pos, event_id, stream, revision, type, schema_version, recorded_at, effective_at, hash, data, metadata)
      VALUES (?, ?, ?, 'commitment-C1', ?, 'ProgressReported', 1, '2022-01-01T00:00:00.000Z', NULL, 'h', '{}', '{}')`);
    big.transaction(() => {
      for (let i = 0; i < 130_000; i++) insert.run(i, i, `e${i}`, i);
    })();
    let n = 0;
    for (const e of eventsOfStreams(big, ['commitment-C1'])) if (e.revision === n) n++;
    expect(n).toBe(130_000);
    big.close();
  });
});
