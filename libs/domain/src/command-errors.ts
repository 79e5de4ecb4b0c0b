// The domain error codes each command may be refused with, read off its decider: what a client of its route must handle.
import type { CommandType } from './domain-commands';
import type { ErrorCode } from './shared/errors';

/** requirePastDate: a date of something done (held, endorsed, submitted, assessed on). */
const PAST_DATE = ['date.invalid', 'date.before-ogp', 'date.in-future'] as const satisfies readonly ErrorCode[];

/** A member command on a registered member (requireMember). */
const ON_MEMBER = ['actor.forbidden-role', 'member.not-found'] as const satisfies readonly ErrorCode[];

/** A step of an existing plan: the plan id's form, the plan, and its status (requirePlan). */
const PLAN_STEP = ['actor.forbidden-role', 'id.invalid', 'plan.not-found', 'plan.invalid-transition'] as const satisfies readonly ErrorCode[];

/** validateTerms: a commitment's terms, whole (AddCommitment) or after a revision's changes. */
const TERMS = ['ogp-id.invalid', 'value.invalid', 'date.invalid', 'date.out-of-order', 'field.required'] as const satisfies readonly ErrorCode[];

/** A change to an active commitment's terms or milestones (decideChange): refused once withdrawn or its plan frozen. */
const CHANGE = ['actor.forbidden-role', 'commitment.not-found', 'commitment.withdrawn', 'plan.ended', 'plan.abandoned'] as const satisfies readonly ErrorCode[];

/** A milestone named by id (findMilestone, requireActiveMilestone). */
const ON_MILESTONE = ['milestone.not-found', 'milestone.withdrawn'] as const satisfies readonly ErrorCode[];

/** A review of a claim version (requireReviewable); the commitment may be withdrawn, its claims still get reviewed. */
const REVIEW = [
  'commitment.not-found', 'actor.forbidden-role', 'claim.not-found', 'review.own-claim', 'claim.version-not-found', 'claim.stale-version', 'claim.already-reviewed',
] as const satisfies readonly ErrorCode[];

/** An assessment by OGP of a submitted plan's commitment (requireSubmitted): not of a draft, abandoned or not. */
const OF_SUBMITTED_PLAN = ['plan.abandoned', 'plan.invalid-transition'] as const satisfies readonly ErrorCode[];

const codes = (...lists: readonly (readonly ErrorCode[])[]): readonly ErrorCode[] => [...new Set(lists.flat())];

/**
 * For each command, every code its decider may refuse it with (the unknown-command guard aside: a typed caller cannot
 * reach it). plan.period-overlaps and commitment.ogp-id-taken are the decider's too, judged on the siblings the
 * application reads from the read models (libs/tracker/src/commands/sibling-states.ts). The application's own
 * refusals (a key scoped to another member, If-Match, Idempotency-Key) are platform problems, outside this catalogue.
 * command-errors.spec.ts raises each code listed here and fails on a code raised but not listed.
 */
export const COMMAND_ERRORS: Readonly<Record<CommandType, readonly ErrorCode[]>> = {
  RegisterMember: codes(['actor.forbidden-role', 'id.invalid', 'member.already-registered', 'field.required', 'value.invalid']),
  RecordForumMeeting: codes(ON_MEMBER, ['id.invalid'], PAST_DATE, ['field.required', 'forum.participants-required', 'evidence.invalid', 'forum.meeting-already-recorded']),
  UpdatePublicInformation: codes(ON_MEMBER, ['evidence.invalid'], PAST_DATE, ['field.required', 'public-information.already-recorded']),
  ChangeMemberTimeZone: codes(ON_MEMBER, ['value.invalid', 'reason.required', 'member.time-zone-unchanged']),
  WithdrawForumMeeting: codes(ON_MEMBER, ['forum.meeting-not-found', 'forum.meeting-withdrawn', 'reason.required']),

  DraftActionPlan: codes(['actor.forbidden-role', 'id.invalid', 'member.not-found', 'plan.already-exists', 'field.required', 'date.invalid', 'date.out-of-order', 'plan.period-implausible', 'plan.period-overlaps']),
  // Endorsing and correcting are refused only on an abandoned draft; any other status allows them.
  EndorseActionPlan: codes(PLAN_STEP, ['plan.already-endorsed'], PAST_DATE, ['field.required', 'evidence.invalid']),
  CorrectEndorsement: codes(PLAN_STEP, ['plan.not-endorsed', 'reason.required'], PAST_DATE, ['field.required', 'evidence.invalid', 'plan.endorsement-unchanged']),
  SubmitActionPlan: codes(PLAN_STEP, PAST_DATE),
  RecordInceptionAssessment: codes(PLAN_STEP, ['inception.already-recorded'], PAST_DATE, ['date.out-of-order', 'evidence.invalid', 'field.required']),
  StartImplementation: codes(PLAN_STEP, PAST_DATE, ['date.out-of-order']),
  EndActionPlan: codes(PLAN_STEP, PAST_DATE, ['date.out-of-order']),
  AbandonActionPlan: codes(PLAN_STEP, ['reason.required']),

  AddCommitment: codes(
    ['actor.forbidden-role', 'id.invalid', 'plan.not-found', 'commitment.already-exists', 'plan.ended', 'plan.abandoned', 'reason.required'],
    TERMS,
    ['commitment.outside-plan', 'commitment.ogp-id-taken'],
  ),
  ReviseCommitment: codes(CHANGE, ['reason.required'], TERMS, ['commitment.outside-plan', 'milestone.outside-commitment', 'commitment.no-change', 'commitment.ogp-id-taken']),
  WithdrawCommitment: codes(CHANGE, ['reason.required']),
  AddMilestone: codes(CHANGE, ['id.invalid', 'milestone.already-exists', 'field.required', 'date.invalid', 'date.out-of-order', 'milestone.outside-commitment']),
  RescheduleMilestone: codes(CHANGE, ON_MILESTONE, ['reason.required', 'date.invalid', 'date.out-of-order', 'milestone.outside-commitment', 'milestone.no-change']),
  WithdrawMilestone: codes(CHANGE, ON_MILESTONE, ['reason.required']),
  // Not frozen by an ended plan: a claim reported after the end is recorded as late.
  ReportProgress: codes(
    ['actor.forbidden-role', 'commitment.not-found', 'commitment.withdrawn', 'id.invalid'],
    ON_MILESTONE,
    ['plan.abandoned', 'plan.invalid-transition', 'value.invalid', 'date.invalid', 'claim.as-of-in-future', 'claim.as-of-before-commitment', 'field.required', 'evidence.invalid'],
    ['claim.evidence-required', 'claim.not-found', 'claim.milestone-mismatch', 'claim.no-change'],
  ),
  VerifyClaim: codes(REVIEW, ['reason.required']),
  DisputeClaim: codes(REVIEW, ['reason.required']),
  RequestEvidence: codes(REVIEW, ['field.required']),
  AssessDesign: codes(['actor.forbidden-role', 'commitment.not-found', 'commitment.withdrawn', 'design.already-recorded'], OF_SUBMITTED_PLAN, ['value.invalid'], PAST_DATE, ['date.out-of-order']),
  AssessEndOfCommitment: codes(
    ['actor.forbidden-role', 'commitment.not-found', 'assessment.already-recorded'],
    OF_SUBMITTED_PLAN,
    PAST_DATE,
    ['date.out-of-order', 'assessment.before-completion', 'value.invalid', 'evidence.invalid', 'assessment.too-much-evidence'],
  ),
};
