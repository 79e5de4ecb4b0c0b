// Specification of the command and event tables the application relies on: streams, roles, schema versions.
import { COMMAND_ROLES, COMMAND_TYPES, aggregateOf, reasonOf, streamOf, type DomainCommand } from './domain-commands';
import { COMMITMENT_EVENT_TYPES, EVENT_SCHEMA_VERSIONS, EVENT_TYPES, MEMBER_EVENT_TYPES, PLAN_EVENT_TYPES, isEventType } from './domain-events';
import { memberIdOfCommand, memberIdOfState } from './ownership';
import { submittedPlan, terms } from './testing/fixtures';

describe('domain commands', () => {
  it('sends each command to its aggregate’s stream', () => {
    const cases: [DomainCommand, string][] = [
      [{ type: 'RegisterMember', data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: [] } }, 'member-semarang'],
      [{ type: 'SubmitActionPlan', data: { planId: 'semarang-2021', submittedOn: '2021-07-30' } }, 'plan-semarang-2021'],
      [{ type: 'AddCommitment', data: { ...terms, commitmentId: 'semarang-2021-c1' } }, 'commitment-semarang-2021-c1'],
      [{ type: 'VerifyClaim', data: { commitmentId: 'c-9', claimId: 'k', version: 1, reason: 'ok' } }, 'commitment-c-9'],
    ];
    for (const [command, stream] of cases) expect(streamOf(command)).toBe(stream);
    expect(aggregateOf(cases[1]![0])).toBe('plan');
  });
  it('gives each command type one role, reviewers only for reviews and assessments', () => {
    expect(COMMAND_TYPES).toHaveLength(25);
    expect(COMMAND_TYPES.filter((t) => COMMAND_ROLES[t] === 'reviewer').sort()).toEqual(['AssessDesign', 'AssessEndOfCommitment', 'DisputeClaim', 'RecordInceptionAssessment', 'RequestEvidence', 'VerifyClaim']);
  });
  it('exposes the reason a command carries, for the stored event’s metadata', () => {
    expect(reasonOf({ type: 'WithdrawCommitment', data: { commitmentId: 'c', reason: 'Merged' } })).toBe('Merged');
    expect(reasonOf({ type: 'SubmitActionPlan', data: { planId: 'p', submittedOn: '2021-07-30' } })).toBeNull();
  });
});

describe('domain events', () => {
  it('versions every event type, all at 1 for now, each in exactly one aggregate', () => {
    expect(EVENT_TYPES).toHaveLength(25);
    expect(Object.values(EVENT_SCHEMA_VERSIONS).every((v) => v === 1)).toBe(true);
    expect(MEMBER_EVENT_TYPES.length + PLAN_EVENT_TYPES.length + COMMITMENT_EVENT_TYPES.length).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES.filter((t) => (COMMAND_TYPES as string[]).includes(t))).toEqual([]);
  });
  it('recognises only its own type strings', () => {
    expect(isEventType('MilestoneRescheduled')).toBe(true);
    expect(isEventType('toString')).toBe(false);
  });
});

describe('ownership', () => {
  it('tells which member a command or state belongs to', () => {
    expect(memberIdOfCommand({ type: 'DraftActionPlan', data: { planId: 'p', memberId: 'semarang', title: 'T', periodStart: '2021-08', periodEnd: '2023-12' } })).toBe('semarang');
    expect(memberIdOfCommand({ type: 'SubmitActionPlan', data: { planId: 'p', submittedOn: '2021-07-30' } })).toBeNull();
    expect(memberIdOfState(submittedPlan)).toBe('semarang');
    expect(memberIdOfState(null)).toBeNull();
  });
});
