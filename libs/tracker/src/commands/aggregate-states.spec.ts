// AggregateStates: the context a decision depends on is always the store's current state, read incrementally.
import { type EventStore, type ReadStreamOptions, SqliteEventStore, type StoredEvent } from '@ogp/event-store';
import type { MemberState } from '@ogp/domain';
import { AggregateStates } from './aggregate-states';

const metadata = { actorId: 'key-ops', actorRole: 'admin' as const, commandId: 'c', correlationId: 'c', causationId: null, reason: null, recordedAt: '2021-05-01T00:00:00.000Z' };
const registered = { id: '00000000-0000-4000-8000-000000000001', type: 'MemberRegistered', schemaVersion: 1, data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: [], status: 'Active' }, metadata };
const meeting = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000010${n}`,
  type: 'ForumMeetingRecorded',
  schemaVersion: 1,
  data: { memberId: 'semarang', meetingId: `m-${n}`, heldOn: '2021-04-20', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO'] }, minutesUrl: null, effectiveAt: '2021-04-20' },
  metadata,
});

/** Records the revision each readStream starts from and how many events it returned. */
function recording(store: EventStore, reads: { from: string; events: number }[]): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
      const read = { from: String(options?.fromRevision ?? 'start'), events: 0 };
      reads.push(read);
      const inner = store.readStream(stream, options);
      return {
        async *[Symbol.asyncIterator]() {
          for await (const e of inner) {
            read.events++;
            yield e;
          }
        },
      };
    },
  });
}

describe('AggregateStates.loadFresh', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ file: ':memory:' })));
  afterEach(() => store.close());

  it('sees events another process appended, reading only those after the state it already has', async () => {
    // given a member read once
    await store.append('member-semarang', [registered], { expectedRevision: 'no_stream' });
    const reads: { from: string; events: number }[] = [];
    const states = new AggregateStates(recording(store, reads));
    const first = await states.loadFresh<MemberState>('member-semarang');
    expect(first.revision).toBe(0n);
    // when another writer appends two meetings, and the member is read again (twice)
    await store.append('member-semarang', [meeting(1), meeting(2)], { expectedRevision: 0n });
    const second = await states.loadFresh<MemberState>('member-semarang');
    const third = await states.loadFresh<MemberState>('member-semarang');
    // then the state has both meetings, and each read asked only for what followed the known revision
    expect(second.revision).toBe(2n);
    expect(second.state).not.toEqual(first.state);
    expect(third).toBe(second);
    expect(reads).toEqual([{ from: 'start', events: 1 }, { from: '1', events: 2 }, { from: '3', events: 0 }]);
  });

  it('does not let the own-stream cache (ahead by uncommitted appends) stand in for the store', async () => {
    // given a decision's optimistic state recorded ahead of the store
    await store.append('member-semarang', [registered], { expectedRevision: 'no_stream' });
    const states = new AggregateStates(store);
    const own = await states.load('member-semarang');
    states.applied('member-semarang', own, [{ type: 'ForumMeetingRecorded', data: meeting(1).data } as never], 1n, '2030-01-01T00:00:00.000Z');
    // when another decision reads the member as its context
    const fresh = await states.loadFresh('member-semarang');
    // then it gets what the store holds
    expect(fresh.revision).toBe(0n);
    expect(fresh.recordedAt).toBe(registered.metadata.recordedAt);
    expect(await states.load('member-semarang')).toMatchObject({ revision: 1n, recordedAt: '2030-01-01T00:00:00.000Z' });
  });
});
