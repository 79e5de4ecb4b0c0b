// Decisions on progress claims and reviews: reporting, verifying, disputing, asking for evidence, assessing.
import type { DecisionContext } from '../shared/context';
import { firstDayOf, lastDayOf, type IsoDate } from '../shared/dates';
import { fail } from '../shared/errors';
import type { Evidence } from '../shared/evidence';
import { CLAIMABLE_COMPLETION, COMPLETION_LEVELS, DID_IT_OPEN_GOVERNMENT, EVIDENCE_REQUIRED_FOR, NOT_APPLICABLE, OGP_VALUES, POTENTIAL_FOR_RESULTS, RELEVANCE, VERIFIABILITY } from '../shared/scales';
import { requireDate, requirePastDate, todayOf, requireEvidence, requireId, requireOneOf, requireOrder, requireReason, requireRole, requireText } from '../shared/validate';
import type { PlanState } from '../plan/state';
import { currentClaim } from '../progress/progress';
import { claimById } from './claim-index';
import type { AssessDesign, AssessEndOfCommitment, DisputeClaim, ReportProgress, RequestEvidence, VerifyClaim } from './commands';
import type { CommitmentEvent } from './events';
import { commitmentName, findClaim, requireActiveCommitment, requireActiveMilestone, requireCommitment, requireNotAbandoned } from './guards';
import type { Commitment, CommitmentState, ProgressClaim } from './state';

export function decideReportProgress(command: ReportProgress, state: CommitmentState, plan: PlanState, context: DecisionContext): CommitmentEvent[] {
  const d = command.data;
  requireRole(context.actor, 'admin', command.type);
  const commitment = requireActiveCommitment(state, d.commitmentId);
  const claimId = requireId('claim', d.claimId, 'claimId');
  requireActiveMilestone(commitment, d.milestoneId);
  // Progress is reported on a plan being carried out: a draft's milestones may still change or go, and a claim made
  // then would count as the milestone's first report once the plan is submitted.
  requireNotAbandoned(plan);
  if (plan !== null && plan.status === 'Draft') {
    fail('plan.invalid-transition', `Cannot report progress on commitment ${commitmentName(commitment)}: plan ${plan.planId} is Draft, and progress is reported once the plan is submitted`, { status: plan.status, commitmentId: commitment.commitmentId });
  }
  const completion = requireOneOf(CLAIMABLE_COMPLETION, d.completion, 'completion');
  const asOf = requireDate(d.asOf, 'asOf');
  const today = todayOf(context);
  if (asOf > today.date) fail('claim.as-of-in-future', `A claim made on ${today.text} cannot speak about ${asOf}`);
  // The as-of date of a Complete claim starts the end-of-commitment deadline: it cannot lie before the commitment.
  const start = firstDayOf(commitment.terms.startMonth);
  if (asOf < start) fail('claim.as-of-before-commitment', `asOf ${asOf} is before commitment ${commitmentName(commitment)} starts (${start})`, { field: 'asOf', commitmentId: commitment.commitmentId });
  const narrative = requireText(d.narrative, 'narrative');
  const evidence = requireEvidence(d.evidence, 'evidence');
  if (EVIDENCE_REQUIRED_FOR.includes(completion) && evidence.length === 0) fail('claim.evidence-required', `A ${completion} claim needs at least one piece of evidence`);
  const previous = claimById(commitment.claims, claimId);
  if (d.amends === true && previous === undefined) fail('claim.not-found', `Claim ${claimId} not found in ${commitment.commitmentId}: leave claimId out to report a new claim`, { claimId });
  if (previous !== undefined && previous.milestoneId !== d.milestoneId) {
    const spoken = commitment.milestones.find((m) => m.milestoneId === previous.milestoneId);
    fail('claim.milestone-mismatch', `Claim ${claimId} speaks about milestone "${spoken?.title ?? previous.milestoneId}" (${previous.milestoneId}), not ${d.milestoneId}: a new version keeps its milestone`, { milestoneId: previous.milestoneId });
  }
  // A resent body (a retry without Idempotency-Key) would add a version that says nothing new and make a reviewer's
  // pending review of the current one stale.
  if (previous !== undefined && restates(previous, { completion, asOf, narrative, evidence })) {
    fail('claim.no-change', `Version ${previous.version} of claim ${claimId} already says this: change the completion, asOf, narrative or evidence (to answer an evidence request, add or replace evidence)`, { claimId, current: previous.version });
  }
  const late = plan !== null && today.date > planEndOf(plan);
  return [{
    type: 'ProgressReported',
    data: { commitmentId: commitment.commitmentId, milestoneId: d.milestoneId, claimId, version: (previous?.version ?? 0) + 1, completion, narrative, evidence, claimedBy: context.actor.id, late, effectiveAt: asOf },
  }];
}

/**
 * The day a plan ended, for judging claims late (reported on that day is still in time; the day after is late): the
 * end recorded, or, while none is, the last day of its period. Judged on the recorded end alone, a claim entered
 * months after the period, before the secretariat recorded the end, was not late, and the mark could be avoided by
 * the order things were typed in.
 */
function planEndOf(plan: NonNullable<PlanState>): IsoDate {
  return plan.status === 'Ended' && plan.endedOn !== null ? plan.endedOn : lastDayOf(plan.periodEnd);
}

/** A new version that repeats the current one (same milestone is checked before): completion, as-of, narrative and evidence, in order. */
function restates(current: ProgressClaim, next: Pick<ProgressClaim, 'completion' | 'asOf' | 'narrative' | 'evidence'>): boolean {
  const sameEvidence = (a: Evidence, b: Evidence): boolean => a.url === b.url && a.title === b.title && (a.sha256 ?? null) === (b.sha256 ?? null);
  return current.completion === next.completion && current.asOf === next.asOf && current.narrative === next.narrative
    && current.evidence.length === next.evidence.length && current.evidence.every((e, i) => sameEvidence(e, next.evidence[i]!));
}

/** The claim version under review: the current one, not yet verified or disputed, and not the reviewer's own. */
function requireReviewable(commitment: Commitment, claimId: string, version: number, context: DecisionContext, command: string): ProgressClaim {
  requireRole(context.actor, 'reviewer', command);
  const claim = findClaim(commitment, claimId);
  if (claim.claimedBy === context.actor.id) fail('review.own-claim', `${context.actor.id} made claim ${claimId} and cannot review it`);
  // A version above the current one was never reported: saying a newer one exists would send the reviewer looking for it.
  if (version > claim.version) fail('claim.version-not-found', `Claim ${claimId} has no version ${version} (it is at version ${claim.version})`, { current: claim.version });
  if (version !== claim.version) {
    fail(
      'claim.stale-version',
      `Claim ${claimId} is at version ${claim.version}, not ${version}: the city reported a new version since; read it (GET /audit/commitments/${commitment.commitmentId}) and review version ${claim.version}`,
      { current: claim.version },
    );
  }
  if (claim.review.status === 'Verified' || claim.review.status === 'Disputed') {
    const by = claim.review.reviewerId === null ? '' : ` by ${claim.review.reviewerId}`;
    fail(
      'claim.already-reviewed',
      `Version ${version} of claim ${claimId} is already ${claim.review.status.toLowerCase()}${by}: each version is reviewed once; a new version the city reports can be reviewed again`,
      { status: claim.review.status, reviewerId: claim.review.reviewerId },
    );
  }
  return claim;
}

export function decideReview(command: VerifyClaim | DisputeClaim | RequestEvidence, state: CommitmentState, context: DecisionContext): CommitmentEvent[] {
  const d = command.data;
  const commitment = requireCommitment(state, d.commitmentId);
  const claim = requireReviewable(commitment, d.claimId, d.version, context, command.type);
  const base = { commitmentId: commitment.commitmentId, claimId: claim.claimId, version: claim.version, reviewerId: context.actor.id, effectiveAt: context.now };
  switch (command.type) {
    case 'VerifyClaim':
      return [{ type: 'ClaimVerified', data: { ...base, reason: requireReason(command.data.reason, 'Verifying a claim') } }];
    case 'DisputeClaim':
      return [{ type: 'ClaimDisputed', data: { ...base, reason: requireReason(command.data.reason, 'Disputing a claim') } }];
    case 'RequestEvidence':
      return [{ type: 'EvidenceRequested', data: { ...base, request: requireText(command.data.request, 'request') } }];
  }
}

/**
 * A design assessment is made once, by the OGP Support Unit, of a commitment as the submitted plan states it (or as a
 * revision added it): a second one, or one before the plan is submitted, is refused. DESIGN.md provides for no
 * reassessment, and replacing one would leave the verdict in force only in history.
 */
export function decideAssessDesign(command: AssessDesign, state: CommitmentState, context: DecisionContext & { readonly plan: PlanState }): CommitmentEvent[] {
  const d = command.data;
  requireRole(context.actor, 'reviewer', command.type);
  const commitment = requireActiveCommitment(state, d.commitmentId);
  if (commitment.design !== null) {
    fail('design.already-recorded', `The design of commitment ${commitmentName(commitment)} was assessed on ${commitment.design.assessedOn} by ${commitment.design.reviewerId}`, { assessedOn: commitment.design.assessedOn, commitmentId: commitment.commitmentId });
  }
  const submittedOn = requireSubmitted(context.plan, commitment, 'the design');
  const relevance = Object.fromEntries(OGP_VALUES.map((v) => [v, requireOneOf(RELEVANCE, d.relevance?.[v], `relevance.${v}`)])) as Record<(typeof OGP_VALUES)[number], (typeof RELEVANCE)[number]>;
  return [{
    type: 'DesignAssessed',
    data: {
      commitmentId: commitment.commitmentId,
      reviewerId: context.actor.id,
      verifiability: requireOneOf(VERIFIABILITY, d.verifiability, 'verifiability'),
      relevance,
      potentialForResults: requireOneOf(POTENTIAL_FOR_RESULTS, d.potentialForResults, 'potentialForResults'),
      effectiveAt: designAssessedOn(d.assessedOn, submittedOn, commitment, context),
    },
  }];
}

/**
 * The plan's submission date, where the plan is known: the commitment's state keeps no business date of its own
 * adding (CommitmentAdded's instant is when it was recorded, which for a plan entered after the fact is long after
 * its assessments), and the submitted plan is what OGP assesses.
 */
function requireSubmitted(plan: PlanState, commitment: Commitment, what: string): IsoDate | null {
  if (plan === null || plan.planId !== commitment.planId) return null;
  requireNotAbandoned(plan);
  if (plan.submittedOn === null) {
    fail('plan.invalid-transition', `Cannot assess ${what} of commitment ${commitmentName(commitment)}: plan ${plan.planId} is ${plan.status}, and OGP assesses the commitments of a submitted plan`, { status: plan.status, commitmentId: commitment.commitmentId });
  }
  return plan.submittedOn;
}

function designAssessedOn(value: unknown, submittedOn: IsoDate | null, commitment: Commitment, context: DecisionContext): IsoDate {
  const assessedOn = requirePastDate(value, 'assessedOn', context);
  if (submittedOn !== null) requireOrder(submittedOn, assessedOn, `The design assessment of commitment ${commitmentName(commitment)} predates its plan's submission`);
  return assessedOn;
}

export function decideAssessEnd(command: AssessEndOfCommitment, state: CommitmentState, context: DecisionContext & { readonly plan: PlanState }): CommitmentEvent[] {
  const d = command.data;
  requireRole(context.actor, 'reviewer', command.type);
  const commitment = requireCommitment(state, d.commitmentId);
  if (commitment.endOfCommitment !== null) fail('assessment.already-recorded', `The end-of-commitment assessment of ${commitment.commitmentId} was recorded for ${commitment.endOfCommitment.assessedOn}`);
  // A draft's commitment (or an abandoned draft's) was never OGP's to assess, whatever its dates say.
  requireSubmitted(context.plan, commitment, 'the end');
  const assessedOn = requirePastDate(d.assessedOn, 'assessedOn', context);
  requireOrder(`${commitment.terms.startMonth}-01`, assessedOn, 'The end-of-commitment assessment predates the commitment');
  const completed = completedOn(commitment);
  if (assessedOn < completed.on) {
    const open = completed.open.length > 0 ? `, and ${completed.open.map((m) => `"${m}"`).join(', ')} ha${completed.open.length > 1 ? 've' : 's'} no current Complete claim` : '';
    const why = completed.allComplete ? `it is complete as of ${completed.on}` : `its period ends on ${completed.on}${open}`;
    fail('assessment.before-completion', `Commitment ${commitmentName(commitment)} cannot be assessed as of ${assessedOn}: ${why}`, { field: 'assessedOn', completeOn: completed.on, commitmentId: commitment.commitmentId });
  }
  const completion = requireOneOf(COMPLETION_LEVELS, d.completion, 'completion');
  const scale = [...DID_IT_OPEN_GOVERNMENT, NOT_APPLICABLE] as const;
  const didItOpenGovernment = Object.fromEntries(OGP_VALUES.map((v) => [v, requireOneOf(scale, d.didItOpenGovernment?.[v], `didItOpenGovernment.${v}`)])) as Record<(typeof OGP_VALUES)[number], (typeof scale)[number]>;
  const evidence = requireEvidence(d.evidence, 'evidence');
  if (evidence.length > 3) fail('assessment.too-much-evidence', `At most 3 evidence items, got ${evidence.length}`);
  return [{ type: 'EndOfCommitmentAssessed', data: { commitmentId: commitment.commitmentId, reviewerId: context.actor.id, completion, didItOpenGovernment, evidence, effectiveAt: assessedOn } }];
}

/**
 * The day a commitment is complete: the latest as-of date of its active milestones' current claims once every one of
 * them is Complete (a milestone's current claim as progress reads it), or at the latest the end of its period.
 */
function completedOn(commitment: Commitment): { on: IsoDate; allComplete: boolean; open: string[] } {
  const periodEnd = lastDayOf(commitment.terms.endMonth);
  const active = commitment.milestones.filter((m) => m.status === 'Active');
  const open = active.filter((m) => currentClaim(commitment.claims, m.milestoneId)?.completion !== 'Complete').map((m) => m.title);
  if (active.length === 0 || open.length > 0) return { on: periodEnd, allComplete: false, open };
  const last = active.map((m) => currentClaim(commitment.claims, m.milestoneId)!.asOf).reduce((a, b) => (a > b ? a : b));
  return { on: last < periodEnd ? last : periodEnd, allComplete: true, open };
}
