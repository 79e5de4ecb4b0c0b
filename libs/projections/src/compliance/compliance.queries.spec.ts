// complianceOf over stored events must judge as the domain's evaluate does over the same history, for a bare date
// (a day in the member's zone, whatever that zone was at each event) and for an instant, around changes of zone.
import { addDays, applyTo, decideWith, type DomainCommand, emptyStates, EVENT_SCHEMA_VERSIONS, evaluate, type EventType, type HistoryEvent, streamOf } from '@ogp/domain';
import { type NewEvent, SqliteEventStore } from '@ogp/event-store';
import { domainStateModel } from '../entity-state/domain-state-model';
import type { ReadModelDb } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import { complianceOf } from './compliance.queries';

const ADMIN = { id: 'key-admin', role: 'admin' as const };

/** Decides each command at its instant, stores what it decided, and returns the history evaluate reads. */
async function record(store: SqliteEventStore, steps: ReadonlyArray<readonly [string, DomainCommand]>): Promise<HistoryEvent[]> {
  let states = emptyStates();
  const history: HistoryEvent[] = [];
  for (const [i, [at, command]] of steps.entries()) {
    const stream = streamOf(command);
    const events = decideWith(command, states, { now: at, actor: ADMIN });
    states = applyTo(states, stream, events);
    const stored: NewEvent[] = events.map((e, j) => ({
      id: `5e3a0000-0000-4000-8000-${(i * 10 + j).toString(16).padStart(12, '0')}`,
      type: e.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[e.type as EventType],
      data: e.data as unknown as NewEvent['data'],
      metadata: { actorId: ADMIN.id, actorRole: ADMIN.role, commandId: `cmd-${i}`, correlationId: `corr-${i}`, causationId: null, reason: 'test', recordedAt: at },
    }));
    for (const e of stored) history.push({ id: e.id, type: e.type, data: e.data, recordedAt: at, stream });
    await store.append(stream, stored, { expectedRevision: 'any' });
  }
  return history;
}

async function projected(store: SqliteEventStore): Promise<ReadModelDb> {
  const db = openReadModelDb({ file: ':memory:' });
  const runner = new ProjectionRunner({ store, db, projections: createProjections(domainStateModel), batchSize: 50 });
  runner.start();
  await runner.waitFor((await store.headPosition())!, 5000);
  await runner.stop();
  return db;
}

const register = (timeZone: string): DomainCommand => ({ type: 'RegisterMember', data: { memberId: 'kota-m', name: 'Kota M', country: 'ID', cohort: 2020, partners: ['PATTIRO'], timeZone } }) as DomainCommand;
const changeZone = (timeZone: string): DomainCommand => ({ type: 'ChangeMemberTimeZone', data: { memberId: 'kota-m', timeZone, reason: 'moved' } }) as DomainCommand;
const meeting = (heldOn: string): DomainCommand =>
  ({ type: 'RecordForumMeeting', data: { memberId: 'kota-m', meetingId: `forum-${heldOn}`, heldOn, participants: { government: ['Bappeda'], civilSociety: ['PATTIRO'] }, minutesUrl: null } }) as DomainCommand;

describe('complianceOf', () => {
  describe('given a member twelve hours west of UTC, registered after midnight UTC on its own evening', () => {
    let store: SqliteEventStore;
    let db: ReadModelDb;
    beforeAll(async () => {
      store = new SqliteEventStore({ file: ':memory:' });
      // 05:00 UTC on 1 March is 17:00 on 28 February in Etc/GMT+12.
      await record(store, [['2023-03-01T05:00:00.000Z', register('Etc/GMT+12')]]);
      db = await projected(store);
    });
    afterAll(async () => {
      db.close();
      await store.close();
    });

    it('when asked as of that day, judges the member registered, to the end of its day there', () => {
      const view = complianceOf(db, { memberId: 'kota-m', asOf: '2023-02-28' });
      expect(view).toMatchObject({ asOf: '2023-03-01T11:59:59.999Z', asOfDate: '2023-02-28', timeZone: 'Etc/GMT+12', events: 1 });
    });
    it('when asked as of the day before, finds no member to judge', () => {
      expect(complianceOf(db, { memberId: 'kota-m', asOf: '2023-02-27' })).toBeNull();
    });
  });

  describe('given a member whose zone moves across the date line and back, with meetings recorded near midnight', () => {
    let store: SqliteEventStore;
    let db: ReadModelDb;
    let history: HistoryEvent[];
    beforeAll(async () => {
      store = new SqliteEventStore({ file: ':memory:' });
      history = await record(store, [
        ['2022-12-31T20:00:00.000Z', register('Etc/GMT+12')],
        ['2023-01-10T23:30:00.000Z', meeting('2023-01-10')],
        // 03:00 on 11 July in Etc/GMT+12, the day the forum falls due; the change of zone at 08:00 there is 10:00 on
        // the 12th in Kiritimati, where the UTC day of the 11th ends 14 hours early.
        ['2023-07-11T15:00:00.000Z', meeting('2023-07-11')],
        ['2023-07-11T20:00:00.000Z', changeZone('Pacific/Kiritimati')],
        ['2023-07-11T20:00:00.001Z', meeting('2023-07-12')],
        ['2023-07-12T11:00:00.000Z', meeting('2023-07-13')],
        ['2024-01-08T13:00:00.000Z', changeZone('Etc/GMT+12')],
        ['2024-01-09T11:30:00.000Z', meeting('2024-01-08')],
      ]);
      db = await projected(store);
    });
    afterAll(async () => {
      db.close();
      await store.close();
    });

    it('when asked as of each day, gives what evaluate gives on the whole history for that day', () => {
      const days = ['2022-12-31', '2023-01-09', '2023-01-10', '2023-01-11', '2023-07-10', '2023-07-11', '2023-07-12', '2023-07-13', '2024-01-07', '2024-01-08', '2024-01-09', '2024-01-10'];
      for (const day of days) {
        const view = complianceOf(db, { memberId: 'kota-m', asOf: day });
        expect({ day, results: view?.results }).toEqual({ day, results: evaluate(history, day) });
        expect(view?.asOfDate).toBe(day);
      }
    });
    it('when asked as of instants around the changes, gives what evaluate gives at that instant', () => {
      for (const e of history) {
        for (const delta of [-1, 0, 1, 3_600_000]) {
          const at = new Date(Date.parse(e.recordedAt) + delta).toISOString();
          const registered = at >= history[0]!.recordedAt;
          expect({ at, results: complianceOf(db, { memberId: 'kota-m', asOf: at })?.results }).toEqual({ at, results: registered ? evaluate(history, at) : undefined });
        }
      }
    });
    it('names the zone the day was judged in, and ends the day there', () => {
      expect(complianceOf(db, { memberId: 'kota-m', asOf: '2023-07-13' })).toMatchObject({ timeZone: 'Pacific/Kiritimati', asOf: '2023-07-13T09:59:59.999Z', events: 6 });
      // Read to the end of the 12th anywhere, but the meeting recorded at 01:00 on the 13th in Kiritimati is not yet known.
      expect(complianceOf(db, { memberId: 'kota-m', asOf: '2023-07-12' })).toMatchObject({ asOf: '2023-07-12T09:59:59.999Z', events: 5 });
      expect(complianceOf(db, { memberId: 'kota-m', asOf: addDays('2024-01-08', 1) })).toMatchObject({ timeZone: 'Etc/GMT+12', asOf: '2024-01-10T11:59:59.999Z' });
    });
  });
});
