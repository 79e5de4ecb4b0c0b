// Property tests: over random command sequences, evolve is total, pure and deterministic, and replay equals step-by-step.
import fc from 'fast-check';
import { commitmentDecider } from '../commitment/decider';
import { applyTo, decideWith, emptyStates, type DomainStates } from '../decide-with';
import { COMMAND_ROLES, streamOf, type DomainCommand } from '../domain-commands';
import { EVENT_SCHEMA_VERSIONS, type DomainEvent } from '../domain-events';
import { memberDecider } from '../member/decider';
import { evaluate } from '../obligations/evaluate';
import { OBLIGATION_STATUSES } from '../obligations/rule-set';
import { planDecider } from '../plan/decider';
import type { Actor } from '../shared/context';
import { addDays } from '../shared/dates';
import { DomainError } from '../shared/errors';
import type { ClaimedCompletion } from '../shared/scales';
import { terms } from './fixtures';
import { stableJson } from './given-when-then';

const ACTORS: Actor[] = [{ id: 'a1', role: 'admin' }, { id: 'a2', role: 'admin' }, { id: 'r1', role: 'reviewer' }, { id: 'a1', role: 'reviewer' }];
const DATES = ['2021-07-01', '2021-09-15', '2021-12-31', '2022-03-01', '2022-08-20', '2022-12-31', '2023-06-30'];
const LEVELS: ClaimedCompletion[] = ['Not Started', 'Limited', 'Substantial', 'Complete'];
const EVIDENCE = [{ url: 'https://x.org/doc', title: 'Doc', sha256: null }];
type Choice = [number, number, number, number, number];

/** Setup steps that make most random commands meaningful: a member, a draft plan, two commitments with milestones. */
const SETUP: DomainCommand[] = [
  { type: 'RegisterMember', data: { memberId: 'mm', name: 'M', country: 'ID', cohort: 2020, partners: [] } },
  { type: 'DraftActionPlan', data: { planId: 'p', memberId: 'mm', title: 'Plan', periodStart: '2021-08', periodEnd: '2023-12' } },
  { type: 'AddCommitment', data: { ...terms, commitmentId: 'c0', planId: 'p', endMonth: '2023-06' } },
  { type: 'AddCommitment', data: { ...terms, commitmentId: 'c1', planId: 'p', ogpId: 'IDSMG0002', endMonth: '2023-06' } },
  { type: 'AddMilestone', data: { commitmentId: 'c0', milestoneId: 'm0', title: 'M0', startDate: '2021-08-01', dueDate: '2021-12-31' } },
  { type: 'AddMilestone', data: { commitmentId: 'c1', milestoneId: 'm1', title: 'M1', startDate: '2021-09-01', dueDate: '2022-12-31' } },
];

const ZONES = ['Asia/Jakarta', 'UTC', 'America/New_York'];

const requestEvidence = (commitmentId: string, claimId: string): DomainCommand => ({ type: 'RequestEvidence', data: { commitmentId, claimId, version: 1, request: 'More' } });

function commandOf([kind, a, b, c, d]: Choice): DomainCommand {
  const commitmentId = kind % 20 === 7 ? `c${a % 3}` : `c${a % 2}`;
  const milestoneId = kind % 20 === 10 ? `m${b % 3}` : `m${a % 2}`;
  const claimId = `k${c % 2}`;
  const date = DATES[d % DATES.length]!;
  const plan = (planId = 'p') => ({ planId });
  switch (kind % 20) {
    case 0:
      if (c % 4 === 0) return { type: 'WithdrawForumMeeting', data: { memberId: 'mm', meetingId: `f${a % 3}`, reason: 'Recorded by mistake' } };
      return { type: 'RecordForumMeeting', data: { memberId: 'mm', meetingId: `f${a % 3}`, heldOn: date, participants: { government: ['G'], civilSociety: ['CS'] }, minutesUrl: null } };
    case 1: return { type: 'UpdatePublicInformation', data: { memberId: 'mm', url: 'https://x.org', updatedOn: date, summary: 'S' } };
    case 2:
      if (c % 3 === 0) return { type: 'CorrectEndorsement', data: { ...plan(), endorsedOn: date, endorsedBy: ['CS', 'TII'], statementUrl: null, reason: 'Mistyped' } };
      return { type: 'EndorseActionPlan', data: { ...plan(), endorsedOn: date, endorsedBy: ['CS'], statementUrl: null } };
    case 3: return { type: 'SubmitActionPlan', data: { ...plan(), submittedOn: date } };
    case 4: return { type: 'StartImplementation', data: { ...plan(), startedOn: date } };
    case 5: return { type: 'RecordInceptionAssessment', data: { ...plan(), assessedOn: date, reportUrl: 'https://x.org/i', summary: 'S' } };
    case 6: return { type: 'EndActionPlan', data: { ...plan(), endedOn: date } };
    case 7: return { type: 'AddCommitment', data: { ...terms, commitmentId, planId: 'p', ogpId: `IDSMG010${commitmentId.slice(1)}`, reason: b % 2 ? 'Forum asked' : null } };
    case 8: return { type: 'ReviseCommitment', data: { commitmentId, changes: { title: `T${d}`, endMonth: d % 2 ? '2023-06' : '2023-12' }, reason: c % 2 ? 'Because' : '' } };
    case 9: return { type: 'WithdrawCommitment', data: { commitmentId, reason: 'Merged' } };
    case 10: return { type: 'AddMilestone', data: { commitmentId, milestoneId, title: 'M', startDate: '2021-08-01', dueDate: date } };
    case 11: return { type: 'RescheduleMilestone', data: { commitmentId, milestoneId, startDate: '2021-08-01', dueDate: addDays(date, 1), reason: 'Later' } };
    case 12: return { type: 'WithdrawMilestone', data: { commitmentId, milestoneId, reason: 'Dropped' } };
    case 13: return { type: 'ReportProgress', data: { commitmentId, claimId, milestoneId, completion: LEVELS[c % 4]!, asOf: date, narrative: 'N', evidence: d % 3 ? EVIDENCE : [] } };
    case 14: return { type: 'VerifyClaim', data: { commitmentId, claimId, version: 1 + (b % 2), reason: 'OK' } };
    case 15: return { type: 'DisputeClaim', data: { commitmentId, claimId, version: 1 + (b % 2), reason: 'No' } };
    case 17: return { type: 'AssessDesign', data: { commitmentId, assessedOn: date, verifiability: 'Verifiable', potentialForResults: 'Modest', relevance: { 'Access to Information': 'Relevant', 'Civic Participation': 'Not Relevant', 'Public Accountability': 'Relevant', 'Technology and Innovation for Transparency and Accountability': 'Not Relevant' } } };
    case 18: return { type: 'AssessEndOfCommitment', data: { commitmentId, assessedOn: date, completion: 'Complete', evidence: [], didItOpenGovernment: { 'Access to Information': 'Major', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Marginal', 'Technology and Innovation for Transparency and Accountability': 'Not Applicable' } } };
    case 19: return { type: 'ChangeMemberTimeZone', data: { memberId: 'mm', timeZone: ZONES[a % ZONES.length]!, reason: 'Registered with the wrong zone' } };
    // Rarely: an abandoned draft freezes the rest of a sequence.
    case 16: return a % 4 === 0 ? { type: 'AbandonActionPlan', data: { ...plan(), reason: 'Drafted by mistake' } } : requestEvidence(commitmentId, claimId);
    default: return requestEvidence(commitmentId, claimId);
  }
}

/** Mostly the role the command needs (so that sequences go somewhere), sometimes the wrong one; a1 is both. */
function actorFor(command: DomainCommand, n: number): Actor {
  const reviewing = COMMAND_ROLES[command.type] === 'reviewer';
  if (n >= 11) return reviewing ? ACTORS[0]! : ACTORS[2]!;
  return reviewing ? ACTORS[2 + (n % 2)]! : ACTORS[n % 2]!;
}

interface Run { states: DomainStates; log: { stream: string; event: DomainEvent; at: string }[] }

/** Runs commands step by step as the application would; refused commands append nothing. */
function run(choices: Choice[]): Run {
  let states = emptyStates();
  const log: Run['log'] = [];
  const steps = [...SETUP.map((command) => ({ command, actor: ACTORS[0]! })), ...choices.map((ch) => ({ command: commandOf(ch), actor: actorFor(commandOf(ch), ch[4]) }))];
  steps.forEach(({ command, actor }, i) => {
    const at = `${addDays('2022-01-01', i * 20)}T03:00:00Z`;
    try {
      const events = decideWith(command, states, { now: at, actor });
      states = applyTo(states, streamOf(command), events);
      for (const event of events) log.push({ stream: streamOf(command), event, at });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  });
  return { states, log };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Folds each stream's events from its initial state, freezing every state so that any mutation throws. */
function replay(log: Run['log']): DomainStates {
  const states = { members: {}, plans: {}, commitments: {} } as { members: Record<string, unknown>; plans: Record<string, unknown>; commitments: Record<string, unknown> };
  for (const { stream, event } of log) {
    const [kind, ...rest] = stream.split('-');
    const id = rest.join('-');
    if (kind === 'member') states.members[id] = memberDecider.evolve(deepFreeze((states.members[id] ?? memberDecider.initialState()) as never), event as never);
    else if (kind === 'plan') states.plans[id] = planDecider.evolve(deepFreeze((states.plans[id] ?? planDecider.initialState()) as never), event as never);
    else states.commitments[id] = commitmentDecider.evolve(deepFreeze((states.commitments[id] ?? commitmentDecider.initialState()) as never), event as never);
  }
  return states as DomainStates;
}

const choices = fc.array(fc.tuple(fc.nat(19), fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(12)) as fc.Arbitrary<Choice>, { minLength: 20, maxLength: 80 });

describe('deciders over random command sequences', () => {
  it('replaying the history gives the state built step by step, without mutating any state', () => {
    fc.assert(fc.property(choices, (cs) => {
      const { states, log } = run(cs);
      expect(stableJson(replay(log))).toBe(stableJson(states));
    }), { numRuns: 150 });
  });

  it('is deterministic: the same commands give the same events and states', () => {
    fc.assert(fc.property(choices, (cs) => {
      expect(stableJson(run(cs))).toBe(stableJson(run(cs)));
    }), { numRuns: 60 });
  });

  it('keeps states plain JSON (the read models store them as JSON)', () => {
    fc.assert(fc.property(choices, (cs) => {
      const { states } = run(cs);
      expect(JSON.parse(JSON.stringify(states))).toEqual(states);
    }), { numRuns: 60 });
  });

  it('evolve is total: any order of known events, even out of place, never throws', () => {
    fc.assert(fc.property(choices, fc.array(fc.nat(), { maxLength: 200 }), (cs, order) => {
      const { log } = run(cs);
      const shuffled = order.length === 0 ? log : order.map((n) => log[n % Math.max(log.length, 1)]).filter((x) => x !== undefined);
      expect(() => replay(shuffled)).not.toThrow();
    }), { numRuns: 60 });
  });

  it('obligations evaluate over any such history', () => {
    fc.assert(fc.property(choices, fc.constantFrom(...DATES), (cs, asOf) => {
      const { log } = run(cs);
      const history = log.map(({ stream, event, at }, i) => ({ ...event, id: `e${i}`, recordedAt: at, stream }));
      for (const r of evaluate(history, asOf)) expect(OBLIGATION_STATUSES).toContain(r.status);
    }), { numRuns: 40 });
  });
});

describe('the random sequences', () => {
  it('exercise every event type (so the properties above are not vacuous)', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(choices, (cs) => {
      for (const { event } of run(cs).log) seen.add(event.type);
    }), { numRuns: 300, seed: 42 });
    expect([...seen].sort()).toEqual(Object.keys(EVENT_SCHEMA_VERSIONS).sort());
  });
});
