// Lookups shared by the commitment's decisions: the commitment, its milestones and claims, and the freeze rule.
import { firstDayOf, lastDayOf } from '../shared/dates';
import { fail } from '../shared/errors';
import type { PlanState } from '../plan/state';
import { claimById } from './claim-index';
import type { Commitment, CommitmentState, Milestone, ProgressClaim } from './state';

export function requireCommitment(state: CommitmentState, commitmentId: string): Commitment {
  if (state === null || state.commitmentId !== commitmentId) return fail('commitment.not-found', `Commitment ${commitmentId} not found`, { commitmentId });
  return state;
}

export function requireActiveCommitment(state: CommitmentState, commitmentId: string): Commitment {
  const commitment = requireCommitment(state, commitmentId);
  if (commitment.status === 'Withdrawn') fail('commitment.withdrawn', `Commitment ${commitmentId} is withdrawn`, { commitmentId });
  return commitment;
}

/** Once its plan has ended, a commitment's terms and milestones are frozen. */
export function requireNotFrozen(plan: PlanState): void {
  if (plan !== null && plan.status === 'Ended') fail('plan.ended', `Action plan ${plan.planId} ended on ${plan.endedOn}: its commitments and milestones no longer change`);
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
export function requireInsidePeriod(startDate: string, dueDate: string, startMonth: string, endMonth: string, milestoneId: string): void {
  if (startDate < firstDayOf(startMonth) || dueDate > lastDayOf(endMonth)) {
    fail('milestone.outside-commitment', `Milestone ${milestoneId} (${startDate} to ${dueDate}) lies outside its commitment's period ${startMonth} to ${endMonth}`, { milestoneId });
  }
}
