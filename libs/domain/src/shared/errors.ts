// Typed domain errors with stable codes, and the one table the API maps to problem+json types and statuses.

/** How a failure should be reported: bad input, missing entity, state conflict, or not allowed for this actor. */
export type ErrorKind = 'validation' | 'not-found' | 'conflict' | 'forbidden';

export const ERROR_CATALOGUE = {
  'id.invalid': { kind: 'validation', title: 'Identifier does not follow its pattern' },
  'ogp-id.invalid': { kind: 'validation', title: 'OGP commitment id does not follow OGP’s pattern (e.g. IDSMG0001)' },
  'date.invalid': { kind: 'validation', title: 'Not a valid ISO date, month or instant' },
  'date.in-future': { kind: 'validation', title: 'The date of something done cannot be after the day it is recorded' },
  'date.before-ogp': { kind: 'validation', title: 'The date of something done cannot be before OGP began (2011)' },
  'date.out-of-order': { kind: 'validation', title: 'A date lies before the date it must follow' },
  'field.required': { kind: 'validation', title: 'A required field is missing or empty' },
  'value.invalid': { kind: 'validation', title: 'Value is not on OGP’s scale for this field' },
  'reason.required': { kind: 'validation', title: 'This change needs a reason' },
  'evidence.invalid': { kind: 'validation', title: 'Evidence needs an http(s) url, a title and, if given, a SHA-256 in hex' },
  'actor.forbidden-role': { kind: 'forbidden', title: 'This role may not issue this command' },
  'member.already-registered': { kind: 'conflict', title: 'Member is already registered' },
  'member.not-found': { kind: 'not-found', title: 'Member is not registered' },
  'member.time-zone-unchanged': { kind: 'validation', title: 'The member already keeps that time zone' },
  'forum.participants-required': { kind: 'validation', title: 'A forum meeting needs government and civil society participants' },
  'forum.meeting-already-recorded': { kind: 'conflict', title: 'This forum meeting is already recorded' },
  'forum.meeting-not-found': { kind: 'not-found', title: 'Forum meeting not found' },
  'forum.meeting-withdrawn': { kind: 'conflict', title: 'Forum meeting is withdrawn' },
  'public-information.already-recorded': { kind: 'conflict', title: 'This public information update is already recorded' },
  'plan.already-exists': { kind: 'conflict', title: 'Action plan already exists' },
  'plan.period-implausible': { kind: 'validation', title: 'An OGP Local action plan period starts in 2016 or later and runs at most 5 years' },
  'plan.not-found': { kind: 'not-found', title: 'Action plan not found' },
  'plan.period-overlaps': { kind: 'conflict', title: 'The plan period overlaps another action plan of the member' },
  'plan.invalid-transition': { kind: 'conflict', title: 'Action plan is not in a status that allows this step' },
  'plan.already-endorsed': { kind: 'conflict', title: 'Civil society has already endorsed this action plan' },
  'plan.not-endorsed': { kind: 'conflict', title: 'Action plan has no endorsement to correct' },
  'plan.endorsement-unchanged': { kind: 'validation', title: 'The correction repeats the endorsement recorded' },
  'plan.ended': { kind: 'conflict', title: 'Action plan has ended: its commitments and milestones are frozen' },
  'plan.abandoned': { kind: 'conflict', title: 'Action plan was abandoned as a draft: its commitments and milestones no longer change' },
  'inception.already-recorded': { kind: 'conflict', title: 'Inception assessment is already recorded' },
  'commitment.already-exists': { kind: 'conflict', title: 'Commitment already exists' },
  'commitment.not-found': { kind: 'not-found', title: 'Commitment not found' },
  'commitment.ogp-id-taken': { kind: 'conflict', title: 'Another commitment of the plan has this OGP id' },
  'commitment.withdrawn': { kind: 'conflict', title: 'Commitment is withdrawn' },
  'commitment.outside-plan': { kind: 'validation', title: 'Commitment period lies outside its action plan’s period' },
  'commitment.no-change': { kind: 'validation', title: 'Revision changes nothing' },
  'milestone.already-exists': { kind: 'conflict', title: 'Milestone already exists' },
  'milestone.not-found': { kind: 'not-found', title: 'Milestone not found' },
  'milestone.withdrawn': { kind: 'conflict', title: 'Milestone is withdrawn' },
  'milestone.no-change': { kind: 'validation', title: 'The milestone already has these dates' },
  'milestone.outside-commitment': { kind: 'validation', title: 'Milestone dates lie outside its commitment’s period' },
  'claim.not-found': { kind: 'not-found', title: 'Progress claim not found' },
  'claim.milestone-mismatch': { kind: 'validation', title: 'A new version of a claim must speak about the same milestone' },
  'claim.evidence-required': { kind: 'validation', title: 'A Substantial or Complete claim needs evidence' },
  'claim.as-of-in-future': { kind: 'validation', title: 'A claim cannot speak about a date after it is made' },
  'claim.as-of-before-commitment': { kind: 'validation', title: 'A claim cannot speak about a date before its commitment starts' },
  'claim.stale-version': { kind: 'conflict', title: 'The claim has a newer version than the one reviewed' },
  'claim.version-not-found': { kind: 'not-found', title: 'The claim has no such version yet' },
  'claim.no-change': { kind: 'validation', title: 'The new version of the claim repeats the current one' },
  'claim.already-reviewed': { kind: 'conflict', title: 'This version of the claim is already verified or disputed' },
  'review.own-claim': { kind: 'forbidden', title: 'A reviewer cannot review their own claim' },
  'design.already-recorded': { kind: 'conflict', title: 'Design assessment is already recorded' },
  'assessment.too-much-evidence': { kind: 'validation', title: 'An end-of-commitment assessment takes at most 3 evidence items' },
  'assessment.already-recorded': { kind: 'conflict', title: 'End-of-commitment assessment is already recorded' },
  'assessment.before-completion': { kind: 'validation', title: 'A commitment is assessed at its end: once every milestone is Complete, or its period is over' },
} as const satisfies Record<string, { kind: ErrorKind; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** Thrown by decide(); `code` is stable (the API maps it), `message` tells a person what to do. */
export class DomainError extends Error {
  readonly kind: ErrorKind;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = ERROR_CATALOGUE[code].kind;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

export function fail(code: ErrorCode, message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, message, details);
}
