// IssueCommandHandler under concurrency: writers of one stream queue their decisions, and a cache made stale by
// another process is dropped and the command retried on state read from the store.
import { SqliteEventStore } from '@ogp/event-store';
import type { DomainCommand } from '@ogp/domain';
import type { Principal } from '../access/principal';
import { FixedClock } from '../clock/fixed-clock';
import { IdGenerator } from '../ids/id-generator';
import { AggregateStates } from './aggregate-states';
import { IssueCommand, IssueCommandHandler } from './issue-command';

const principal: Principal = { keyId: 'key-ops', role: 'admin', name: 'ops', member: null };
const ids = new IdGenerator();
const register: DomainCommand = { type: 'RegisterMember', data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'] } };
const forum = (): DomainCommand => ({
  type: 'RecordForumMeeting',
  data: { memberId: 'semarang', meetingId: ids.uuid(), heldOn: '2021-04-20', participants: { government: ['Bappeda Kota Semarang'], civilSociety: ['PATTIRO Semarang'] }, minutesUrl: null },
});
const issue = (command: DomainCommand, expectedRevision?: bigint) =>
  new IssueCommand(command, { principal, commandId: ids.uuid(), correlationId: 'c-1', expectedRevision });

describe('IssueCommandHandler', () => {
  let store: SqliteEventStore;
  /** Two handlers with their own caches over one store: two API processes. */
  let a: IssueCommandHandler;
  let b: IssueCommandHandler;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    const clock = new FixedClock('2021-05-01T00:00:00.000Z');
    a = new IssueCommandHandler(store, clock, ids, new AggregateStates(store));
    b = new IssueCommandHandler(store, clock, ids, new AggregateStates(store));
    await a.execute(issue(register));
  });
  afterEach(() => store.close());

  const revisions = async (): Promise<bigint[]> => {
    const out: bigint[] = [];
    for await (const e of store.readStream('member-semarang')) out.push(e.revision);
    return out;
  };

  it('acknowledges 30 concurrent writers of one stream with 30 consecutive revisions', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => a.execute(issue(forum()))));
    expect(results.map((r) => Number(r.revision)).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await revisions()).toHaveLength(31);
  });

  it('retries on fresh state when another process wrote since the cache was filled', async () => {
    await b.execute(issue(forum()));
    const results = await Promise.all(Array.from({ length: 10 }, () => a.execute(issue(forum()))));
    expect(new Set(results.map((r) => r.revision)).size).toBe(10);
    expect(await revisions()).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)));
  });

  it('lets one of several writers naming the same expected revision win and refuses the others', async () => {
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => a.execute(issue(forum(), 0n))));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(await revisions()).toHaveLength(2);
  });
});
