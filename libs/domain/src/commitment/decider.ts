// The commitment decider: terms and their revision, milestones, and (via claims.ts) progress claims and reviews.
import type { Decider, DecisionContext } from '../shared/context';
import { firstDayOf, lastDayOf } from '../shared/dates';
import { fail } from '../shared/errors';
import { unknownCommand } from '../shared/exhaustive';
import { requireDate, requireId, requireOrder, requireReason, requireRole, requireText } from '../shared/validate';
import type { PlanState } from '../plan/state';
import { decideAssessDesign, decideAssessEnd, decideReportProgress, decideReview } from './claims';
import type { AddCommitment, CommitmentCommand, ReviseCommitment } from './commands';
import type { CommitmentEvent } from './events';
import { evolveCommitment } from './evolve';
import { findMilestone, requireActiveCommitment, requireActiveMilestone, requireInsidePeriod, requireNotFrozen } from './guards';
import type { Commitment, CommitmentState } from './state';
import { diffTerms, validateTerms, type CommitmentTerms } from './terms';

/**
 * Commitment commands also need the state of the commitment's action plan (stream plan-<planId>; for
 * AddCommitment the command's planId, otherwise the commitment state's planId): to check the commitment's period
 * against the plan's, to require a reason when adding to a submitted plan, and to freeze everything once the plan
 * has ended.
 */
export interface CommitmentDecisionContext extends DecisionContext {
  readonly plan: PlanState;
  /**
   * The plan's other commitments, for AddCommitment and a ReviseCommitment of the OGP id (an OGP id names one
   * commitment). Read from the read models, so two commitments sent at the same moment can both pass; absent: not checked.
   */
  readonly planCommitments?: readonly Commitment[];
}

function requireOgpIdFree(commitmentId: string, ogpId: string | null, siblings: readonly Commitment[]): void {
  if (ogpId === null) return;
  const taken = siblings.find((c) => c.commitmentId !== commitmentId && c.status !== 'Withdrawn' && c.terms.ogpId === ogpId);
  if (taken !== undefined) {
    fail('commitment.ogp-id-taken', `Commitment "${taken.terms.title}" (${taken.commitmentId}) of this plan is ${ogpId} already`, { commitmentId: taken.commitmentId });
  }
}

function requirePeriodInsidePlan(terms: CommitmentTerms, plan: PlanState): void {
  if (plan !== null && (terms.startMonth < plan.periodStart || terms.endMonth > plan.periodEnd)) {
    fail('commitment.outside-plan', `The commitment runs ${terms.startMonth} to ${terms.endMonth}, outside the plan's period ${plan.periodStart} to ${plan.periodEnd}`);
  }
}

function decideAdd(command: AddCommitment, state: CommitmentState, plan: PlanState, context: CommitmentDecisionContext): CommitmentEvent[] {
  const d = command.data;
  const commitmentId = requireId('commitment', d.commitmentId, 'commitmentId');
  const planId = requireId('plan', d.planId, 'planId');
  if (plan === null || plan.planId !== planId) return fail('plan.not-found', `Action plan ${planId} not found`, { planId });
  if (state !== null) fail('commitment.already-exists', `Commitment ${commitmentId} already exists`, { commitmentId });
  requireNotFrozen(plan);
  const planRevision = plan.status !== 'Draft';
  // Once submitted, a plan changes only by revision, and a revision says why.
  const reason = planRevision ? requireReason(d.reason, `Adding a commitment to ${/^[AEIOU]/.test(plan.status) ? 'an' : 'a'} ${plan.status} plan`) : (d.reason ?? null);
  const terms = validateTerms(d);
  requirePeriodInsidePlan(terms, plan);
  requireOgpIdFree(commitmentId, terms.ogpId, context.planCommitments ?? []);
  return [{ type: 'CommitmentAdded', data: { ...terms, commitmentId, planId, memberId: plan.memberId, planRevision, reason, effectiveAt: context.now } }];
}

function decideRevise(command: ReviseCommitment, commitment: Commitment, plan: PlanState, context: CommitmentDecisionContext): CommitmentEvent[] {
  const reason = requireReason(command.data.reason, 'Revising a commitment');
  const terms = validateTerms({ ...commitment.terms, ...command.data.changes });
  requirePeriodInsidePlan(terms, plan);
  for (const m of commitment.milestones) {
    if (m.status === 'Active') requireInsidePeriod(m.startDate, m.dueDate, terms.startMonth, terms.endMonth, m);
  }
  const { before, after } = diffTerms(commitment.terms, terms);
  if (Object.keys(after).length === 0) fail('commitment.no-change', 'The revision changes nothing');
  if (after.ogpId !== undefined) requireOgpIdFree(commitment.commitmentId, terms.ogpId, context.planCommitments ?? []);
  return [{ type: 'CommitmentRevised', data: { commitmentId: commitment.commitmentId, before, after, reason, effectiveAt: context.now } }];
}

/** Commands that change terms or milestones: issued by an admin, refused once the commitment is withdrawn or frozen. */
function decideChange(command: Exclude<CommitmentCommand, { type: 'AddCommitment' | 'ReportProgress' | 'VerifyClaim' | 'DisputeClaim' | 'RequestEvidence' | 'AssessDesign' | 'AssessEndOfCommitment' }>, state: CommitmentState, plan: PlanState, context: CommitmentDecisionContext): CommitmentEvent[] {
  const commitment = requireActiveCommitment(state, command.data.commitmentId);
  requireNotFrozen(plan);
  const commitmentId = commitment.commitmentId;
  switch (command.type) {
    case 'ReviseCommitment':
      return decideRevise(command, commitment, plan, context);
    case 'WithdrawCommitment':
      return [{ type: 'CommitmentWithdrawn', data: { commitmentId, reason: requireReason(command.data.reason, 'Withdrawing a commitment'), effectiveAt: context.now } }];
    case 'AddMilestone': {
      const d = command.data;
      const milestoneId = requireId('milestone', d.milestoneId, 'milestoneId');
      if (commitment.milestones.some((m) => m.milestoneId === milestoneId)) fail('milestone.already-exists', `Milestone ${milestoneId} already exists`, { milestoneId });
      const title = requireText(d.title, 'title');
      const [startDate, dueDate] = [requireDate(d.startDate, 'startDate'), requireDate(d.dueDate, 'dueDate')];
      requireOrder(startDate, dueDate, 'The milestone is due before it starts');
      requireInsidePeriod(startDate, dueDate, commitment.terms.startMonth, commitment.terms.endMonth, { milestoneId, title });
      return [{ type: 'MilestoneAdded', data: { commitmentId, milestoneId, title, startDate, dueDate, effectiveAt: context.now } }];
    }
    case 'RescheduleMilestone': {
      const d = command.data;
      const milestone = requireActiveMilestone(commitment, d.milestoneId);
      const reason = requireReason(d.reason, 'Rescheduling a milestone');
      const [startDate, dueDate] = [requireDate(d.startDate, 'startDate'), requireDate(d.dueDate, 'dueDate')];
      requireOrder(startDate, dueDate, 'The milestone is due before it starts');
      requireInsidePeriod(startDate, dueDate, commitment.terms.startMonth, commitment.terms.endMonth, milestone);
      if (startDate === milestone.startDate && dueDate === milestone.dueDate) fail('milestone.no-change', `Milestone "${milestone.title}" already runs ${startDate} to ${dueDate}`);
      return [{ type: 'MilestoneRescheduled', data: { commitmentId, milestoneId: milestone.milestoneId, previous: { startDate: milestone.startDate, dueDate: milestone.dueDate }, startDate, dueDate, reason, effectiveAt: context.now } }];
    }
    case 'WithdrawMilestone': {
      const milestone = findMilestone(commitment, command.data.milestoneId);
      if (milestone.status === 'Withdrawn') fail('milestone.withdrawn', `Milestone ${milestone.milestoneId} is already withdrawn`);
      return [{ type: 'MilestoneWithdrawn', data: { commitmentId, milestoneId: milestone.milestoneId, reason: requireReason(command.data.reason, 'Withdrawing a milestone'), effectiveAt: context.now } }];
    }
  }
}

export function decideCommitment(command: CommitmentCommand, state: CommitmentState, context: CommitmentDecisionContext): CommitmentEvent[] {
  const plan = context.plan;
  switch (command.type) {
    case 'AddCommitment':
      requireRole(context.actor, 'admin', command.type);
      return decideAdd(command, state, plan, context);
    case 'ReviseCommitment':
    case 'WithdrawCommitment':
    case 'AddMilestone':
    case 'RescheduleMilestone':
    case 'WithdrawMilestone':
      requireRole(context.actor, 'admin', command.type);
      return decideChange(command, state, plan, context);
    case 'ReportProgress':
      return decideReportProgress(command, state, plan, context);
    case 'VerifyClaim':
    case 'DisputeClaim':
    case 'RequestEvidence':
      return decideReview(command, state, context);
    case 'AssessDesign':
      return decideAssessDesign(command, state, context);
    case 'AssessEndOfCommitment':
      return decideAssessEnd(command, state, context);
    default:
      return unknownCommand(command);
  }
}

export const commitmentDecider: Decider<CommitmentState, CommitmentCommand, CommitmentEvent, CommitmentDecisionContext> = {
  initialState: () => null,
  decide: decideCommitment,
  evolve: evolveCommitment,
};

/** The commitment's whole period as dates (first day of its start month to last day of its end month). */
export function commitmentPeriod(terms: CommitmentTerms): { start: string; end: string } {
  return { start: firstDayOf(terms.startMonth), end: lastDayOf(terms.endMonth) };
}
