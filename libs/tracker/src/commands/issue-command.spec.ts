// IssueCommandHandler under concurrency: writers of one stream queue their decisions, and a cache made stale by
// another process is dropped and the command retried on state read from the store.
import { SqliteEventStore } from '@ogp/event-store';
import type { DomainCommand } from '@ogp/domain';
import { MemberScopeError } from '../access/member-scope';
import type { Principal } from '../access/principal';
import { FixedClock } from '../clock/fixed-clock';
import { IdGenerator } from '../ids/id-generator';
import { AggregateStates } from './aggregate-states';
import { IssueCommand, IssueCommandHandler } from './issue-command';

const principal: Principal = { keyId: 'key-ops', role: 'admin', name: 'ops', member: null };
const ids = new IdGenerator();
const register: DomainCommand = { type: 'RegisterMember', data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'] } };
// Each call a meeting of its own (its own minutes): the same meeting twice is refused.
const forum = (meetingId = ids.uuid()): DomainCommand => ({
  type: 'RecordForumMeeting',
  data: { memberId: 'semarang', meetingId, heldOn: '2021-04-20', participants: { government: ['Bappeda Kota Semarang'], civilSociety: ['PATTIRO Semarang'] }, minutesUrl: `https://example.org/minutes/${meetingId}` },
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

  it('never records an event of a stream before the stream\'s last one, whatever its own clock says', async () => {
    // given another process, its clock ten minutes ahead, wrote the stream's last event
    const ahead = new IssueCommandHandler(store, new FixedClock('2021-05-01T00:10:00.000Z'), ids, new AggregateStates(store));
    await ahead.execute(issue(forum()));
    // when this process (clock at 00:00) records the next event, on a cache made stale and on fresh state alike
    await a.execute(issue(forum()));
    await b.execute(issue(forum()));
    // then recordedAt does not go back along the stream (as-of reads rely on it)
    const recorded: string[] = [];
    for await (const e of store.readStream('member-semarang')) recorded.push(e.metadata.recordedAt);
    expect(recorded).toEqual(['2021-05-01T00:00:00.000Z', ...Array(3).fill('2021-05-01T00:10:00.000Z')]);
  });

  it('lets one of several writers naming the same expected revision win and refuses the others', async () => {
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => a.execute(issue(forum(), 0n))));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(await revisions()).toHaveLength(2);
  });

  it('judges If-Match on the store when its cache is stale, not on what it last saw', async () => {
    // given a has seen the member at revision 0 and b has written revision 1 since
    await b.execute(issue(forum()));
    // when a client that read revision 1 sends If-Match 1 to a
    const result = await a.execute(issue(forum(), 1n));
    // then it is accepted
    expect(result.revision).toBe('2');
  });

  it('does not commit a decision on top of another process\'s write when the append it was decided after failed', async () => {
    // given a drafted the plan (and caches it as a draft), then b submitted it without an endorsement
    const plan = { planId: 'semarang-2021', memberId: 'semarang', title: 'Semarang OGP Local Action Plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12' };
    await a.execute(issue({ type: 'DraftActionPlan', data: plan }));
    await b.execute(issue({ type: 'SubmitActionPlan', data: { planId: plan.planId, submittedOn: '2021-04-30' } }));
    // when a, on its stale draft, endorses and then submits, pipelined
    await Promise.allSettled([
      a.execute(issue({ type: 'EndorseActionPlan', data: { planId: plan.planId, endorsedOn: '2021-04-26', endorsedBy: ['PATTIRO Semarang'], statementUrl: null } })),
      a.execute(issue({ type: 'SubmitActionPlan', data: { planId: plan.planId, submittedOn: '2021-04-30' } })),
    ]);
    // then the plan was submitted once: the second submission, decided on an endorsement that failed, never landed
    const types: string[] = [];
    for await (const e of store.readStream(`plan-${plan.planId}`)) types.push(e.type);
    expect(types.filter((t) => t === 'ActionPlanSubmitted')).toHaveLength(1);
  });

  it('refuses a key scoped to another member before looking at its If-Match, so a 412 reveals no revision', async () => {
    const scoped: Principal = { keyId: 'key-bojonegoro', role: 'admin', name: 'bojonegoro ops', member: 'bojonegoro' };
    const attempt = a.execute(new IssueCommand(forum(), { principal: scoped, commandId: ids.uuid(), correlationId: 'c-2', expectedRevision: 7n }));
    await expect(attempt).rejects.toBeInstanceOf(MemberScopeError);
  });

  it('answers a repeated command (same Idempotency-Key) with what its first try wrote, writing nothing more', async () => {
    // given a forum meeting recorded under a command id derived from an Idempotency-Key
    const commandId = ids.commandIdFor('key-ops', 'forum-2021-04-20', 'fingerprint-of-the-request');
    const first = await a.execute(new IssueCommand(forum(), { principal, commandId, correlationId: 'c-1', repeatable: true }));
    // when the client retries it, on this process and on another one (a crash lost the first answer)
    const again = await a.execute(new IssueCommand(forum(), { principal, commandId, correlationId: 'c-1', repeatable: true }));
    const elsewhere = await b.execute(new IssueCommand(forum(), { principal, commandId, correlationId: 'c-1', repeatable: true }));
    // then both get the first result and the stream holds one meeting
    expect(again).toEqual(first);
    expect(elsewhere).toEqual(first);
    expect(await revisions()).toEqual([0n, 1n]);
  });
});
