// The Semarang scenario end to end: the domain's demo script through the deciders into a SqliteEventStore, projected
// by the runner; read models, as-of state, progress and compliance must agree with the domain's own computation.
import {
  applyTo,
  addDays,
  type Commitment,
  decideWith,
  type DomainStates,
  emptyStates,
  EVENT_SCHEMA_VERSIONS,
  evaluate,
  type EventType,
  type HistoryEvent,
  planProgress,
  SEMARANG_AS_OF_DATES,
  SEMARANG_DEMO,
  SEMARANG_MEMBER_ID,
  SEMARANG_PLAN_ID,
  streamOf,
} from '@ogp/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type NewEvent, type StoredEvent, SqliteEventStore } from '@ogp/event-store';
import { entityHistory } from '../audit-trail/audit-trail.queries';
import { complianceOf } from '../compliance/compliance.queries';
import { domainStateModel } from '../entity-state/domain-state-model';
import { entityStateProjection } from '../entity-state/entity-state.projection';
import { currentState, listClaims, listEntities, listMilestones, stateAsOf } from '../entity-state/entity-state.queries';
import type { ReadModelDb } from '../projection';
import { planProgressOf } from '../progress/progress.queries';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { replayAndCompare } from '../replay/replay';
import { ProjectionRunner } from '../runner/projection-runner';
import { allEvents } from '../testing/all-events';

interface Checkpointed {
  readonly at: string;
  readonly states: DomainStates;
}

function uuid(n: number): string {
  return `5e3a0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Runs the demo as the application would: decide, append with audit metadata, evolve. */
async function runDemo(store: EventStore): Promise<{ after: Checkpointed[]; history: HistoryEvent[] }> {
  let states = emptyStates();
  const after: Checkpointed[] = [];
  const history: HistoryEvent[] = [];
  let n = 0;
  for (const [i, step] of SEMARANG_DEMO.entries()) {
    const stream = streamOf(step.command);
    const events = decideWith(step.command, states, { now: step.at, actor: step.actor });
    states = applyTo(states, stream, events);
    const data = step.command.data as { reason?: unknown };
    const stored: NewEvent[] = events.map((e) => ({
      id: uuid(++n),
      type: e.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[e.type as EventType],
      data: e.data as unknown as NewEvent['data'],
      metadata: {
        actorId: step.actor.id,
        actorRole: step.actor.role,
        commandId: `cmd-${i}`,
        correlationId: `corr-${i}`,
        causationId: null,
        reason: typeof data.reason === 'string' ? data.reason : null,
        recordedAt: new Date(Date.parse(step.at)).toISOString(),
      },
    }));
    for (const e of stored) history.push({ id: e.id, type: e.type, data: e.data, recordedAt: e.metadata.recordedAt, stream });
    if (stored.length > 0) await store.append(stream, stored, { expectedRevision: 'any' });
    after.push({ at: new Date(Date.parse(step.at)).toISOString(), states });
  }
  return { after, history };
}

/** The domain states as they stood at an instant: those after the last step recorded at or before it. */
function statesAt(after: readonly Checkpointed[], asOf: string): DomainStates {
  let found = emptyStates();
  for (const c of after) if (c.at <= asOf) found = c.states;
  return found;
}

describe('the Semarang scenario', () => {
  let store: SqliteEventStore;
  let db: ReadModelDb;
  let demo: { after: Checkpointed[]; history: HistoryEvent[] };
  let final: DomainStates;

  beforeAll(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    demo = await runDemo(store);
    final = demo.after[demo.after.length - 1]!.states;
    db = openReadModelDb({ file: ':memory:' });
    const runner = new ProjectionRunner({ store, db, projections: createProjections(domainStateModel), batchSize: 17 });
    runner.start();
    await runner.waitFor((await store.headPosition())!, 5000);
    await runner.stop();
  });
  afterAll(async () => {
    db.close();
    await store.close();
  });

  it('holds the current state of the member, the plan and every commitment, as the deciders computed it', () => {
    expect(currentState(db, `member-${SEMARANG_MEMBER_ID}`)?.state).toEqual(final.members[SEMARANG_MEMBER_ID]);
    expect(currentState(db, `plan-${SEMARANG_PLAN_ID}`)?.state).toEqual(final.plans[SEMARANG_PLAN_ID]);
    const commitments = listEntities(db, { kind: 'commitment', planId: SEMARANG_PLAN_ID });
    expect(commitments.length).toBe(Object.keys(final.commitments).length);
    for (const c of commitments) expect(c.state).toEqual(final.commitments[c.entityId]);
    expect(listEntities(db, { memberId: SEMARANG_MEMBER_ID }).length).toBe(commitments.length + 2);
  });

  it('lists milestones and claims with their review status and effective dates', () => {
    const all = Object.values(final.commitments).filter((c): c is Commitment => c !== null);
    expect(listMilestones(db, { planId: SEMARANG_PLAN_ID })).toHaveLength(all.reduce((n, c) => n + c.milestones.length, 0));
    const claims = listClaims(db, { planId: SEMARANG_PLAN_ID });
    expect(claims).toHaveLength(all.reduce((n, c) => n + c.claims.length, 0));
    const expected = all.flatMap((c) => c.claims.map((k) => [k.claimId, k.review.status, k.asOf])).sort();
    expect(claims.map((k) => [k.claimId, k.status, k.effectiveAt]).sort()).toEqual(expected);
  });

  it('answers the plan and commitments as of every step, just before and just after it', () => {
    const instants = [...new Set(demo.after.map((c) => c.at))];
    for (const at of instants) {
      const before = new Date(Date.parse(at) - 1).toISOString();
      for (const asOf of [before, at]) {
        const expected = statesAt(demo.after, asOf);
        expect(stateAsOf(db, domainStateModel, `plan-${SEMARANG_PLAN_ID}`, asOf)?.state ?? null).toEqual(expected.plans[SEMARANG_PLAN_ID] ?? null);
        for (const id of Object.keys(final.commitments)) {
          expect(stateAsOf(db, domainStateModel, `commitment-${id}`, asOf)?.state ?? null).toEqual(expected.commitments[id] ?? null);
        }
      }
    }
  });

  it("rolls progress up with the domain's formula, now and as of a date", () => {
    const commitmentsAt = (s: DomainStates): Commitment[] =>
      Object.values(s.commitments).filter((c): c is Commitment => c !== null && c.planId === SEMARANG_PLAN_ID);
    expect(planProgressOf(db, SEMARANG_PLAN_ID)?.progress).toEqual(planProgress(commitmentsAt(final)));
    const mid = '2022-06-30T23:59:59.999Z';
    expect(planProgressOf(db, SEMARANG_PLAN_ID, mid)?.progress).toEqual(planProgress(commitmentsAt(statesAt(demo.after, mid))));
    expect(planProgressOf(db, SEMARANG_PLAN_ID, '2019-01-01T00:00:00Z')).toBeNull();
  });

  it.each(SEMARANG_AS_OF_DATES)("evaluates compliance as of %s as the domain's evaluate does", (date) => {
    const view = complianceOf(db, { memberId: SEMARANG_MEMBER_ID, asOf: date })!;
    const expected = evaluate(demo.history, date);
    expect(view.results).toEqual(expected);
    expect(view.asOfDate).toBe(date);
    // Semarang keeps Asia/Jakarta time (UTC+7): its day ends at 17:00 UTC.
    expect(view.asOf).toBe(`${date}T16:59:59.999Z`);
    const plan = complianceOf(db, { memberId: SEMARANG_MEMBER_ID, asOf: date, planId: SEMARANG_PLAN_ID })!;
    expect(plan.results).toEqual(expected.filter((r) => r.planId === SEMARANG_PLAN_ID));
  });

  it('takes an instant as-of as the day it falls on in Semarang', () => {
    const [date] = SEMARANG_AS_OF_DATES;
    const view = complianceOf(db, { memberId: SEMARANG_MEMBER_ID, asOf: `${date}T20:00:00Z` })!;
    expect(view.asOfDate).toBe(addDays(date!, 1));
    expect(view.asOf).toBe(`${date}T20:00:00.000Z`);
  });

  it('keeps the audit trail of the plan with actors and recording times', () => {
    const history = entityHistory(db, `plan-${SEMARANG_PLAN_ID}`);
    const steps = SEMARANG_DEMO.filter((s) => streamOf(s.command) === `plan-${SEMARANG_PLAN_ID}`);
    expect(history.map((e) => e.actorId)).toEqual(steps.map((s) => s.actor.id));
    expect(history.every((e, i) => e.revision === i && (i === 0 ? e.prevHash === null : e.prevHash === history[i - 1]!.hash))).toBe(true);
  });

  it('replays to read models equal to the live ones', async () => {
    const report = await replayAndCompare({ store, model: domainStateModel, live: db });
    expect(report.results.map((r) => [r.readModel, r.equal])).toEqual([
      ['audit-trail', true],
      ['entity-state', true],
    ]);
  });
});

describe('plan progress read while the read models commit', () => {
  it('rolls up the commitments of one batch, not some from before a commit between two reads and some from after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogp-progress-'));
    const file = join(dir, 'read-models.sqlite');
    const store = new SqliteEventStore({ file: ':memory:' });
    await runDemo(store);
    const events = await allEvents(store);
    const split = events.findIndex((e) => e.type === 'ProgressReported');
    const writer = openReadModelDb({ file });
    const projection = entityStateProjection(domainStateModel);
    projection.setup(writer);
    const commit = (batch: readonly StoredEvent[]): void =>
      writer.transaction(() => {
        for (const event of batch) projection.apply(writer, event);
        projection.flush!(writer);
      })();
    commit(events.slice(0, split));
    const reader = openReadModelDb({ file, readonly: true });
    const before = planProgressOf(reader, SEMARANG_PLAN_ID);

    // The writer commits the rest of the scenario right before the reader reads the plan's second commitment.
    let commitmentReads = 0;
    const between = new Proxy(reader, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (property !== 'prepare') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!sql.includes('FROM entity_states WHERE stream = ?')) return statement;
          return new Proxy(statement, {
            get(s, p) {
              const member = Reflect.get(s, p) as unknown;
              if (p !== 'get') return typeof member === 'function' ? member.bind(s) : member;
              return (stream: string) => {
                if (stream.startsWith('commitment-') && ++commitmentReads === 2) commit(events.slice(split));
                return s.get(stream);
              };
            },
          });
        };
      },
    });
    expect(planProgressOf(between, SEMARANG_PLAN_ID)).toEqual(before);
    expect(commitmentReads).toBeGreaterThan(2);
    // The commit did change the roll-up: the next read sees all of it.
    expect(planProgressOf(reader, SEMARANG_PLAN_ID)).not.toEqual(before);
    reader.close();
    writer.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
