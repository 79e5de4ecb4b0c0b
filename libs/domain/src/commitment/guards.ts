// Lookups shared by the commitment's decisions: the commitment, its milestones and claims, and the freeze rule.
import { firstDayOf, lastDayOf } from '../shared/dates';
import { fail } from '../shared/errors';
import type { PlanState } from '../plan/state';
import { claimById } from './claim-index';
import type { Commitment, CommitmentState, Milestone, ProgressClaim } from './state';

/**
 * How a person finds a commitment in a refusal: OGP's id (IDSMG0012) when it has one, else its title; ours (often a
 * UUID) stays in the problem's details. Compliance names commitments the same way.
 */
export function commitmentName(commitment: Commitment): string {
  return commitment.terms.ogpId ?? `"${commitment.terms.title}"`;
}

export function requireCommitment(state: CommitmentState, commitmentId: string): Commitment {
  if (state === null || state.commitmentId !== commitmentId) return fail('commitment.not-found', `Commitment ${commitmentId} not found`, { commitmentId });
  return state;
}

export function requireActiveCommitment(state: CommitmentState, commitmentId: string): Commitment {
  const commitment = requireCommitment(state, commitmentId);
  if (commitment.status === 'Withdrawn') fail('commitment.withdrawn', `Commitment ${commitmentName(commitment)} is withdrawn`, { commitmentId });
  return commitment;
}

/** Once its plan has ended, a commitment's terms and milestones are frozen. */
/** An ended plan's commitments are frozen, and so are those of a draft given up. */
export function requireNotFrozen(plan: PlanState): void {
  if (plan !== null && plan.status === 'Ended') fail('plan.ended', `Action plan ${plan.planId} ended on ${plan.endedOn}: its commitments and milestones no longer change`);
  requireNotAbandoned(plan);
}

export function requireNotAbandoned(plan: PlanState): void {
  if (plan?.abandonment) fail('plan.abandoned', `Action plan ${plan.planId} was abandoned as a draft (${plan.abandonment.reason}): its commitments and milestones no longer change`);
}

export function findMilestone(commitment: Commitment, milestoneId: string): Milestone {
  const milestone = commitment.milestones.find((m) => m.milestoneId === milestoneId);
  return milestone ?? fail('milestone.not-found', `Milestone ${milestoneId} not found in ${commitment.commitmentId}`, { milestoneId });
}

export function requireActiveMilestone(commitment: Commitment, milestoneId: string): Milestone {
  const milestone = findMilestone(commitment, milestoneId);
  if (milestone.status === 'Withdrawn') fail('milestone.withdrawn', `Milestone ${milestoneId} is withdrawn`, { milestoneId });
  return milestone;
}

export function findClaim(commitment: Commitment, claimId: string): ProgressClaim {
  const claim = claimById(commitment.claims, claimId);
  return claim ?? fail('claim.not-found', `Claim ${claimId} not found in ${commitment.commitmentId}`, { claimId });
}

/** A milestone lies inside its commitment's period: from the first day of its start month to the last day of its end month. */
/** Named by its title: that is what the admin typed, and a milestone being added has no id they have seen. */
export function requireInsidePeriod(startDate: string, dueDate: string, startMonth: string, endMonth: string, milestone: { readonly milestoneId: string; readonly title: string }): void {
  if (startDate < firstDayOf(startMonth) || dueDate > lastDayOf(endMonth)) {
    fail('milestone.outside-commitment', `Milestone "${milestone.title}" (${startDate} to ${dueDate}) lies outside its commitment's period ${startMonth} to ${endMonth}`, { milestoneId: milestone.milestoneId });
  }
}
