// Specification of COMMAND_ERRORS: each code listed for a command is raised by a command of that type, no command
// raises a code its entry leaves out, and every code of the catalogue is raised somewhere.
import fc from 'fast-check';
import type { CommitmentEvent } from './commitment/events';
import { COMMAND_ERRORS } from './command-errors';
import { applyTo, decideWith, emptyStates, type DomainStates } from './decide-with';
import { COMMAND_ROLES, COMMAND_TYPES, type CommandOfType, type CommandType, type DomainCommand } from './domain-commands';
import type { MemberEvent } from './member/events';
import { evaluate } from './obligations/evaluate';
import { DEFAULT_RULE_SET, type ObligationRuleSet } from './obligations/rule-set';
import type { PlanEvent } from './plan/events';
import type { Actor } from './shared/context';
import { DomainError, ERROR_CODES, type ErrorCode } from './shared/errors';
import {
  ADMIN, NOW, REVIEWER, commitmentAdded, evidence, implementationStarted, milestone2Added, milestoneAdded, planAbandoned, planDrafted, planEndorsed, planEnded,
  planSubmitted, progressReported, terms,
} from './testing/fixtures';

const AUDITOR: Actor = { id: 'auditor-1', role: 'auditor' };
/** The admin who reported claim p-1, holding a reviewer key. */
const CLAIMANT_AS_REVIEWER: Actor = { id: 'admin-1', role: 'reviewer' };
/** When the commitment's period (to 2022-12) is over: its end can be assessed. */
const AFTER_COMMITMENT = '2023-02-01T03:00:00Z';

// --- The world a command is decided in: member semarang, its plan plan-1, the plan's commitments c-1 and c-2. ---

const MEMBER: MemberEvent[] = [
  { type: 'MemberRegistered', data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'], status: 'Active', timeZone: 'UTC', effectiveAt: '2021-03-01T03:00:00Z' } },
  { type: 'ForumMeetingRecorded', data: { memberId: 'semarang', meetingId: 'f-0', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO'] }, minutesUrl: null, effectiveAt: '2021-12-01' } },
  { type: 'ForumMeetingWithdrawn', data: { memberId: 'semarang', meetingId: 'f-0', heldOn: '2021-12-01', reason: 'Never held', effectiveAt: '2021-12-02T03:00:00Z' } },
  { type: 'ForumMeetingRecorded', data: { memberId: 'semarang', meetingId: 'f-1', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO'] }, minutesUrl: null, effectiveAt: '2022-01-10' } },
  { type: 'PublicInformationUpdated', data: { memberId: 'semarang', url: 'https://semarangkota.go.id/ogp', summary: 'Forum minutes', effectiveAt: '2022-01-15' } },
];

const DRAFT: PlanEvent[] = [planDrafted];
const SUBMITTED: PlanEvent[] = [planDrafted, planEndorsed, planSubmitted];
const IMPLEMENTING: PlanEvent[] = [...SUBMITTED, implementationStarted];
const ENDED: PlanEvent[] = [...IMPLEMENTING, planEnded];
const ABANDONED: PlanEvent[] = [planDrafted, planAbandoned];
const inceptionRecorded: PlanEvent = { type: 'InceptionAssessmentRecorded', data: { planId: 'plan-1', reviewerId: 'reviewer-1', reportUrl: 'https://ogp.org/r', summary: 'S', effectiveAt: '2021-10-01' } };

const withdrawal = { reason: 'Merged', effectiveAt: '2022-01-20T03:00:00Z' };
/** c-1 (IDSMG0001): milestones m-1 and m-2, m-9 withdrawn, and claim p-1 on m-1 by admin-1. */
const COMMITMENT: CommitmentEvent[] = [
  commitmentAdded, milestoneAdded, milestone2Added,
  { type: 'MilestoneAdded', data: { commitmentId: 'c-1', milestoneId: 'm-9', title: 'Dropped', startDate: '2021-08-01', dueDate: '2021-09-30', effectiveAt: '2021-06-03T03:00:00Z' } },
  { type: 'MilestoneWithdrawn', data: { commitmentId: 'c-1', milestoneId: 'm-9', ...withdrawal } },
  progressReported,
];
const sibling = { ...commitmentAdded, data: { ...commitmentAdded.data, commitmentId: 'c-2', ogpId: 'IDSMG0002' } } as CommitmentEvent;
const review = { commitmentId: 'c-1', claimId: 'p-1', version: 1, reviewerId: 'reviewer-1', effectiveAt: '2022-02-01T03:00:00Z' };
const later = (...events: CommitmentEvent[]): CommitmentEvent[] => [...COMMITMENT, ...events];

const RELEVANCE = { 'Access to Information': 'Relevant', 'Civic Participation': 'Not Relevant', 'Public Accountability': 'Relevant', 'Technology and Innovation for Transparency and Accountability': 'Not Relevant' } as const;
const OPENED = { 'Access to Information': 'Major', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Marginal', 'Technology and Innovation for Transparency and Accountability': 'Not Applicable' } as const;

interface World {
  readonly member?: readonly MemberEvent[];
  readonly plan?: readonly PlanEvent[];
  readonly commitment?: readonly CommitmentEvent[];
}

/** The states as the application gives them to decideWith: the streams, and the siblings (c-2) it reads for some rules. */
function statesOf(world: World): DomainStates {
  let states = applyTo(emptyStates(), 'member-semarang', [...(world.member ?? MEMBER)]);
  states = applyTo(states, 'plan-plan-1', [...(world.plan ?? IMPLEMENTING)]);
  states = applyTo(states, 'commitment-c-1', [...(world.commitment ?? COMMITMENT)]);
  return applyTo(states, 'commitment-c-2', [sibling]);
}

// --- For each command: a command accepted in its world, and what to change in it to raise each code. ---

interface Accepted<T extends CommandType> extends World {
  readonly data: CommandOfType<T>['data'];
  readonly now?: string;
}

const ACCEPTED: { readonly [T in CommandType]: Accepted<T> } = {
  RegisterMember: { data: { memberId: 'surabaya', name: 'Kota Surabaya', country: 'ID', cohort: 2020, partners: ['Pattiro Surabaya'] } },
  RecordForumMeeting: { data: { memberId: 'semarang', meetingId: 'f-2', heldOn: '2022-02-01', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO'] }, minutesUrl: null } },
  UpdatePublicInformation: { data: { memberId: 'semarang', url: 'https://semarangkota.go.id/ogp', updatedOn: '2022-02-01', summary: 'Plan published' } },
  ChangeMemberTimeZone: { data: { memberId: 'semarang', timeZone: 'Asia/Jakarta', reason: 'Registered without one' } },
  WithdrawForumMeeting: { data: { memberId: 'semarang', meetingId: 'f-1', reason: 'Recorded twice' } },
  DraftActionPlan: { data: { planId: 'plan-2', memberId: 'semarang', title: 'Action plan 2024-2025', periodStart: '2024-01', periodEnd: '2025-12' } },
  EndorseActionPlan: { plan: DRAFT, data: { planId: 'plan-1', endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'], statementUrl: null } },
  CorrectEndorsement: { plan: SUBMITTED, data: { planId: 'plan-1', endorsedOn: '2021-07-25', endorsedBy: ['PATTIRO Semarang'], statementUrl: null, reason: 'Mistyped date' } },
  SubmitActionPlan: { plan: DRAFT, data: { planId: 'plan-1', submittedOn: '2021-07-30' } },
  RecordInceptionAssessment: { plan: SUBMITTED, data: { planId: 'plan-1', assessedOn: '2021-10-01', reportUrl: 'https://ogp.org/semarang', summary: 'Ambitious' } },
  StartImplementation: { plan: SUBMITTED, data: { planId: 'plan-1', startedOn: '2021-08-01' } },
  EndActionPlan: { data: { planId: 'plan-1', endedOn: '2022-02-28' } },
  AbandonActionPlan: { plan: DRAFT, data: { planId: 'plan-1', reason: 'Drafted twice' } },
  AddCommitment: { plan: DRAFT, data: { ...terms, commitmentId: 'c-3', ogpId: 'IDSMG0003' } },
  ReviseCommitment: { data: { commitmentId: 'c-1', changes: { title: 'Satu Data Semarang' }, reason: 'Forum asked' } },
  WithdrawCommitment: { data: { commitmentId: 'c-1', reason: 'Merged into c-2' } },
  AddMilestone: { data: { commitmentId: 'c-1', milestoneId: 'm-3', title: 'Final report', startDate: '2022-10-01', dueDate: '2022-12-31' } },
  RescheduleMilestone: { data: { commitmentId: 'c-1', milestoneId: 'm-2', startDate: '2022-01-01', dueDate: '2022-10-31', reason: 'Vendor late' } },
  WithdrawMilestone: { data: { commitmentId: 'c-1', milestoneId: 'm-2', reason: 'Dropped' } },
  ReportProgress: { data: { commitmentId: 'c-1', claimId: 'p-2', milestoneId: 'm-2', completion: 'Limited', asOf: '2022-02-01', narrative: 'In testing', evidence: [] } },
  VerifyClaim: { data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, reason: 'Regulation checked' } },
  DisputeClaim: { data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, reason: 'Not issued' } },
  RequestEvidence: { data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, request: 'The signed regulation' } },
  AssessDesign: { data: { commitmentId: 'c-1', assessedOn: '2021-08-15', verifiability: 'Verifiable', relevance: RELEVANCE, potentialForResults: 'Modest' } },
  AssessEndOfCommitment: { now: AFTER_COMMITMENT, data: { commitmentId: 'c-1', assessedOn: '2023-01-15', completion: 'Complete', didItOpenGovernment: OPENED, evidence } },
};

/** A change to the accepted command (any value, a wrong one included), its world or who issues it. */
interface Refusal<T extends CommandType> extends World {
  readonly data?: { readonly [K in keyof CommandOfType<T>['data']]?: unknown };
  readonly actor?: Actor;
}
type Refusals<T extends CommandType> = Partial<Record<ErrorCode, Refusal<T>>>;

const byAuditor = { actor: AUDITOR };
const pastDate = <K extends string>(field: K, other: Record<string, unknown> = {}) => ({
  'date.invalid': { data: { ...other, [field]: '2022-02-30' } },
  'date.before-ogp': { data: { ...other, [field]: '2010-12-31' } },
  'date.in-future': { data: { ...other, [field]: '2022-03-02' } },
}) as Record<'date.invalid' | 'date.before-ogp' | 'date.in-future', { data: Partial<Record<K, unknown>> }>;
const planStep = { 'actor.forbidden-role': byAuditor, 'id.invalid': { data: { planId: 'Plan 1' } }, 'plan.not-found': { data: { planId: 'plan-9' } } };
const change = {
  'actor.forbidden-role': byAuditor, 'commitment.not-found': { data: { commitmentId: 'c-9' } }, 'commitment.withdrawn': { commitment: later({ type: 'CommitmentWithdrawn', data: { commitmentId: 'c-1', ...withdrawal } }) },
  'plan.ended': { plan: ENDED }, 'plan.abandoned': { plan: ABANDONED },
};
const onMilestone = { 'milestone.not-found': { data: { milestoneId: 'm-8' } }, 'milestone.withdrawn': { data: { milestoneId: 'm-9' } } };
const reviews = {
  'commitment.not-found': { data: { commitmentId: 'c-9' } }, 'actor.forbidden-role': byAuditor, 'claim.not-found': { data: { claimId: 'p-9' } }, 'review.own-claim': { actor: CLAIMANT_AS_REVIEWER },
  'claim.version-not-found': { data: { version: 2 } },
  'claim.stale-version': { commitment: later({ ...progressReported, data: { ...progressReported.data, version: 2, narrative: 'Issued and published' } }) },
  'claim.already-reviewed': { commitment: later({ type: 'ClaimVerified', data: { ...review, reason: 'Checked' } }) },
};
const ofSubmittedPlan = { 'plan.abandoned': { plan: ABANDONED }, 'plan.invalid-transition': { plan: DRAFT } };

const REFUSALS: { readonly [T in CommandType]: Refusals<T> } = {
  RegisterMember: {
    'actor.forbidden-role': byAuditor, 'id.invalid': { data: { memberId: 'Surabaya City' } }, 'member.already-registered': { data: { memberId: 'semarang' } },
    'field.required': { data: { name: ' ' } }, 'value.invalid': { data: { country: 'Indonesia' } },
  },
  RecordForumMeeting: {
    'actor.forbidden-role': byAuditor, 'member.not-found': { data: { memberId: 'surabaya' } }, 'id.invalid': { data: { meetingId: 'Forum 2' } }, ...pastDate('heldOn'),
    'field.required': { data: { participants: { government: [''], civilSociety: ['PATTIRO'] } } },
    'forum.participants-required': { data: { participants: { government: ['Bappeda'], civilSociety: [] } } },
    'evidence.invalid': { data: { minutesUrl: 'minutes.pdf' } }, 'forum.meeting-already-recorded': { data: { meetingId: 'f-1' } },
  },
  UpdatePublicInformation: {
    'actor.forbidden-role': byAuditor, 'member.not-found': { data: { memberId: 'surabaya' } }, 'evidence.invalid': { data: { url: 'semarangkota.go.id' } }, ...pastDate('updatedOn'),
    'field.required': { data: { summary: '' } }, 'public-information.already-recorded': { data: { updatedOn: '2022-01-15' } },
  },
  ChangeMemberTimeZone: {
    'actor.forbidden-role': byAuditor, 'member.not-found': { data: { memberId: 'surabaya' } }, 'value.invalid': { data: { timeZone: 'Asia/Semarang' } },
    'reason.required': { data: { reason: '' } }, 'member.time-zone-unchanged': { data: { timeZone: 'utc' } },
  },
  WithdrawForumMeeting: {
    'actor.forbidden-role': byAuditor, 'member.not-found': { data: { memberId: 'surabaya' } }, 'forum.meeting-not-found': { data: { meetingId: 'f-9' } },
    'forum.meeting-withdrawn': { data: { meetingId: 'f-0' } }, 'reason.required': { data: { reason: ' ' } },
  },
  DraftActionPlan: {
    'actor.forbidden-role': byAuditor, 'id.invalid': { data: { planId: 'Plan 2' } }, 'member.not-found': { data: { memberId: 'surabaya' } }, 'plan.already-exists': { data: { planId: 'plan-1' } },
    'field.required': { data: { title: '' } }, 'date.invalid': { data: { periodStart: '2024-13' } }, 'date.out-of-order': { data: { periodEnd: '2023-12' } },
    'plan.period-implausible': { data: { periodStart: '2015-01', periodEnd: '2016-12' } },
    // The member's other plans are siblings: the application reads them from the read models (SiblingStates.plansOf).
    'plan.period-overlaps': { data: { periodStart: '2023-06' } },
  },
  EndorseActionPlan: {
    ...planStep, 'plan.invalid-transition': { plan: ABANDONED }, 'plan.already-endorsed': { plan: SUBMITTED }, ...pastDate('endorsedOn'),
    'field.required': { data: { endorsedBy: [] } }, 'evidence.invalid': { data: { statementUrl: 'statement.pdf' } },
  },
  CorrectEndorsement: {
    ...planStep, 'plan.invalid-transition': { plan: [planDrafted, planEndorsed, planAbandoned] }, 'plan.not-endorsed': { plan: DRAFT }, 'reason.required': { data: { reason: '' } },
    ...pastDate('endorsedOn'), 'field.required': { data: { endorsedBy: [''] } }, 'evidence.invalid': { data: { statementUrl: 'statement.pdf' } },
    'plan.endorsement-unchanged': { data: { endorsedOn: '2021-07-26', endorsedBy: [' PATTIRO Semarang'] } },
  },
  SubmitActionPlan: { ...planStep, 'plan.invalid-transition': { plan: SUBMITTED }, ...pastDate('submittedOn') },
  RecordInceptionAssessment: {
    ...planStep, 'plan.invalid-transition': { plan: DRAFT }, 'inception.already-recorded': { plan: [...SUBMITTED, inceptionRecorded] }, ...pastDate('assessedOn'),
    'date.out-of-order': { data: { assessedOn: '2021-07-29' } }, 'evidence.invalid': { data: { reportUrl: 'report.pdf' } }, 'field.required': { data: { summary: '' } },
  },
  StartImplementation: { ...planStep, 'plan.invalid-transition': { plan: IMPLEMENTING }, ...pastDate('startedOn'), 'date.out-of-order': { data: { startedOn: '2021-07-29' } } },
  EndActionPlan: { ...planStep, 'plan.invalid-transition': { plan: SUBMITTED }, ...pastDate('endedOn'), 'date.out-of-order': { data: { endedOn: '2021-07-31' } } },
  AbandonActionPlan: { ...planStep, 'plan.invalid-transition': { plan: SUBMITTED }, 'reason.required': { data: { reason: '' } } },
  AddCommitment: {
    'actor.forbidden-role': byAuditor, 'id.invalid': { data: { commitmentId: 'C 3' } }, 'plan.not-found': { data: { planId: 'plan-9' } }, 'commitment.already-exists': { data: { commitmentId: 'c-1' } },
    'plan.ended': { plan: ENDED }, 'plan.abandoned': { plan: ABANDONED }, 'reason.required': { plan: SUBMITTED },
    'ogp-id.invalid': { data: { ogpId: 'SMG1' } }, 'value.invalid': { data: { values: ['Happiness'] } }, 'date.invalid': { data: { startMonth: '2021-13' } },
    'date.out-of-order': { data: { endMonth: '2021-07' } }, 'field.required': { data: { title: '' } }, 'commitment.outside-plan': { data: { startMonth: '2021-01' } },
    // The plan's other commitments are siblings: the application reads them from the read models (SiblingStates.commitmentsOf).
    'commitment.ogp-id-taken': { data: { ogpId: 'IDSMG0002' } },
  },
  ReviseCommitment: {
    ...change, 'reason.required': { data: { reason: '' } }, 'ogp-id.invalid': { data: { changes: { ogpId: 'idsmg1' } } }, 'value.invalid': { data: { changes: { values: [] } } },
    'date.invalid': { data: { changes: { endMonth: '2022-00' } } }, 'date.out-of-order': { data: { changes: { endMonth: '2021-01' } } }, 'field.required': { data: { changes: { title: ' ' } } },
    'commitment.outside-plan': { data: { changes: { endMonth: '2024-06' } } }, 'milestone.outside-commitment': { data: { changes: { startMonth: '2021-09' } } },
    'commitment.no-change': { data: { changes: { title: 'Semarang Satu Data' } } }, 'commitment.ogp-id-taken': { data: { changes: { ogpId: 'IDSMG0002' } } },
  },
  WithdrawCommitment: { ...change, 'reason.required': { data: { reason: '' } } },
  AddMilestone: {
    ...change, 'id.invalid': { data: { milestoneId: 'M 3' } }, 'milestone.already-exists': { data: { milestoneId: 'm-1' } }, 'field.required': { data: { title: '' } },
    'date.invalid': { data: { startDate: '2022-02-30' } }, 'date.out-of-order': { data: { dueDate: '2022-09-01' } }, 'milestone.outside-commitment': { data: { dueDate: '2023-01-31' } },
  },
  RescheduleMilestone: {
    ...change, ...onMilestone, 'reason.required': { data: { reason: '' } }, 'date.invalid': { data: { dueDate: '2022-10-32' } }, 'date.out-of-order': { data: { dueDate: '2021-12-31' } },
    'milestone.outside-commitment': { data: { dueDate: '2023-01-31' } }, 'milestone.no-change': { data: { dueDate: '2022-09-30' } },
  },
  WithdrawMilestone: { ...change, ...onMilestone, 'reason.required': { data: { reason: '' } } },
  ReportProgress: {
    'actor.forbidden-role': byAuditor, 'commitment.not-found': change['commitment.not-found'], 'commitment.withdrawn': change['commitment.withdrawn'], 'id.invalid': { data: { claimId: 'P 2' } },
    ...onMilestone, 'plan.abandoned': { plan: ABANDONED }, 'plan.invalid-transition': { plan: DRAFT }, 'value.invalid': { data: { completion: 'Done' } },
    'date.invalid': { data: { asOf: '2022-02-30' } }, 'claim.as-of-in-future': { data: { asOf: '2022-03-02' } }, 'claim.as-of-before-commitment': { data: { asOf: '2021-07-31' } },
    'field.required': { data: { narrative: '' } }, 'evidence.invalid': { data: { evidence: [{ url: 'portal', title: 'Portal' }] } },
    'claim.evidence-required': { data: { completion: 'Complete' } }, 'claim.not-found': { data: { amends: true } }, 'claim.milestone-mismatch': { data: { claimId: 'p-1' } },
    'claim.no-change': { data: { claimId: 'p-1', milestoneId: 'm-1', completion: 'Complete', asOf: '2022-01-05', narrative: 'Issued', evidence } },
  },
  VerifyClaim: { ...reviews, 'reason.required': { data: { reason: '' } } },
  DisputeClaim: { ...reviews, 'reason.required': { data: { reason: '' } } },
  RequestEvidence: { ...reviews, 'field.required': { data: { request: '' } } },
  AssessDesign: {
    'actor.forbidden-role': byAuditor, 'commitment.not-found': change['commitment.not-found'], 'commitment.withdrawn': change['commitment.withdrawn'],
    'design.already-recorded': { commitment: later({ type: 'DesignAssessed', data: { commitmentId: 'c-1', reviewerId: 'reviewer-1', verifiability: 'Verifiable', relevance: RELEVANCE, potentialForResults: 'Modest', effectiveAt: '2021-08-15' } }) },
    ...ofSubmittedPlan, 'value.invalid': { data: { verifiability: 'Maybe' } }, ...pastDate('assessedOn'), 'date.out-of-order': { data: { assessedOn: '2021-07-29' } },
  },
  AssessEndOfCommitment: {
    'actor.forbidden-role': byAuditor, 'commitment.not-found': change['commitment.not-found'],
    'assessment.already-recorded': { commitment: later({ type: 'EndOfCommitmentAssessed', data: { commitmentId: 'c-1', reviewerId: 'reviewer-1', completion: 'Complete', didItOpenGovernment: OPENED, evidence, effectiveAt: '2023-01-10' } }) },
    ...ofSubmittedPlan, ...pastDate('assessedOn'), 'date.in-future': { data: { assessedOn: '2023-02-02' } }, 'date.out-of-order': { data: { assessedOn: '2021-07-15' } },
    'assessment.before-completion': { data: { assessedOn: '2022-06-30' } }, 'value.invalid': { data: { completion: 'Done' } },
    'evidence.invalid': { data: { evidence: [{ url: 'https://x.org', title: '' }] } }, 'assessment.too-much-evidence': { data: { evidence: [...evidence, ...evidence, ...evidence, ...evidence] } },
  },
};

// --- Deciding ---

interface Attempt {
  readonly command: DomainCommand;
  readonly states: DomainStates;
  readonly actor: Actor;
  readonly now: string;
}

function attempt<T extends CommandType>(type: T, refusal: Refusal<T> = {}): Attempt {
  const accepted = ACCEPTED[type] as Accepted<T>;
  const world = { member: refusal.member ?? accepted.member, plan: refusal.plan ?? accepted.plan, commitment: refusal.commitment ?? accepted.commitment };
  return {
    command: { type, data: { ...accepted.data, ...refusal.data } } as DomainCommand,
    states: statesOf(world),
    actor: refusal.actor ?? (COMMAND_ROLES[type] === 'admin' ? ADMIN : REVIEWER),
    now: accepted.now ?? NOW,
  };
}

/** The code the command is refused with, or null when accepted. Anything but a DomainError is thrown on. */
function refusalOf({ command, states, actor, now }: Attempt): ErrorCode | null {
  try {
    decideWith(command, states, { now, actor });
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** Codes raised outside any command, by reads: listed so that the catalogue has no code that nothing raises. */
const RAISED_BY_READS: Partial<Record<ErrorCode, { readonly by: string; readonly raise: () => unknown }>> = {
  // The obligations read (evaluate) checks its own arguments; both codes are also raised by commands.
  'date.invalid': { by: 'evaluate() with an asOf that is no date or instant', raise: () => evaluate([], 'yesterday') },
  'value.invalid': { by: 'evaluate() with a rule set naming an unknown obligation', raise: () => evaluate([], '2022-03-01', { ...DEFAULT_RULE_SET, obligations: ['bribery'] } as unknown as ObligationRuleSet) },
};

describe('COMMAND_ERRORS', () => {
  describe.each(COMMAND_TYPES)('for %s', (type) => {
    it('starts from a command its world accepts', () => {
      expect(refusalOf(attempt(type))).toBeNull();
    });

    it('lists exactly the codes the refusals built for it raise', () => {
      expect(Object.keys(REFUSALS[type]).sort()).toEqual([...COMMAND_ERRORS[type]].sort());
    });

    it.each(Object.entries(REFUSALS[type]) as [ErrorCode, Refusal<typeof type>][])('raises %s from the refusal built for it', (code, refusal) => {
      expect(refusalOf(attempt(type, refusal))).toBe(code);
    });
  });

  describe('when refusals are mixed, over other worlds, actors and values', () => {
    // Other commands' refusals are mixed in: their worlds, and the values they try for fields this command shares.
    const worlds = Object.values(REFUSALS).flatMap((refusals) => Object.values(refusals)).map((r: World): World => ({ member: r.member, plan: r.plan, commitment: r.commitment }));
    const refusalsOf = (type: CommandType): Refusal<CommandType>[] => Object.values(REFUSALS[type]);
    const valuesByField = new Map<string, unknown[]>();
    for (const refusal of Object.values(REFUSALS).flatMap((refusals) => Object.values(refusals)) as Refusal<CommandType>[]) {
      for (const [field, value] of Object.entries(refusal.data ?? {})) valuesByField.set(field, [...(valuesByField.get(field) ?? []), value]);
    }
    const JUNK: unknown[] = [undefined, null, '', 'x', 0, 2.5, [], [''], {}, '2022-03-01', '2099-12', 'https://example.org'];
    const arbitraryAttempt = fc.constantFrom(...COMMAND_TYPES).chain((type) => {
      const fields = Object.keys({ ...ACCEPTED[type].data, ...Object.assign({}, ...refusalsOf(type).map((r) => r.data ?? {})) });
      const value = (field: string) => fc.constantFrom(...JUNK, ...(valuesByField.get(field) ?? []));
      const overrides = fc.dictionary(fc.constantFrom(...fields), fc.constant(null), { maxKeys: 2 }).chain((picked) => fc.record(Object.fromEntries(Object.keys(picked).map((f) => [f, value(f)]))));
      return fc.record({
        type: fc.constant(type),
        mixed: fc.array(fc.constantFrom(...refusalsOf(type)), { maxLength: 3 }),
        // Mostly the command's own world and role, so that the checks after the first ones are reached too.
        world: fc.oneof({ arbitrary: fc.constant<World>({}), weight: 2 }, fc.constantFrom(...worlds)),
        overrides,
        actor: fc.oneof({ arbitrary: fc.constant(COMMAND_ROLES[type] === 'admin' ? ADMIN : REVIEWER), weight: 3 }, fc.constantFrom(ADMIN, REVIEWER, AUDITOR, CLAIMANT_AS_REVIEWER)),
      });
    });

    it('raises for each command only codes its entry lists', () => {
      fc.assert(
        fc.property(arbitraryAttempt, ({ type, mixed, world, overrides, actor }) => {
          const data = Object.assign({}, ...mixed.map((r) => r.data ?? {}), overrides) as Refusal<CommandType>['data'];
          const code = refusalOf(attempt(type, { ...world, ...Object.assign({}, ...mixed.map(({ data: _, ...rest }) => rest)), data, actor }));
          if (code !== null) expect(COMMAND_ERRORS[type]).toContain(code);
        }),
        { numRuns: 4000 },
      );
    });
  });

  describe('over the whole catalogue', () => {
    it('lists every code for some command, or as raised by reads', () => {
      const listed = new Set([...Object.values(COMMAND_ERRORS).flat(), ...Object.keys(RAISED_BY_READS)]);
      expect(ERROR_CODES.filter((code) => !listed.has(code))).toEqual([]);
    });

    it.each(Object.entries(RAISED_BY_READS).map(([code, { by, raise }]) => [code, by, raise] as const))('raises %s from reads: %s', (code, _by, raise) => {
      expect(() => raise()).toThrow(expect.objectContaining({ code }) as Error);
    });

    it('lists each code once per command', () => {
      for (const type of COMMAND_TYPES) expect(new Set(COMMAND_ERRORS[type]).size).toBe(COMMAND_ERRORS[type].length);
    });
  });
});
