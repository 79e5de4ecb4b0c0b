// The action plan decider: drafting, civil society endorsement, submission, inception assessment, implementation, end.
import type { Decider, DecisionContext } from '../shared/context';
import { dateOf, isBefore } from '../shared/dates';
import { fail } from '../shared/errors';
import { ignoreEvent, unknownCommand } from '../shared/exhaustive';
import type { PlanStatus } from '../shared/scales';
import { isHttpUrl, requirePastDate, requireId, requireMonth, requireOrder, requireReason, requireRole, requireText, requireTextList } from '../shared/validate';
import { requirePlausiblePeriod } from './period';
import type { MemberState } from '../member/state';
import type { PlanCommand } from './commands';
import type { PlanEvent } from './events';
import type { ActionPlan, PlanState } from './state';

/**
 * Plan commands also need the state of the member the plan belongs to (stream member-<memberId>; for
 * DraftActionPlan the command's memberId, otherwise the plan state's memberId): a plan is drafted only for a
 * registered member.
 */
export interface PlanDecisionContext extends DecisionContext {
  readonly member: MemberState;
  /**
   * The member's other plans, for DraftActionPlan (a member carries out one plan at a time). The application reads
   * them from the read models, so two drafts sent at the same moment can both pass; absent: not checked.
   */
  readonly memberPlans?: readonly ActionPlan[];
}

/** A mistaken second draft for the same years (a double click, a colleague's retry) is refused; an abandoned draft is out of the way. */
function requireNoOverlap(planId: string, periodStart: string, periodEnd: string, others: readonly ActionPlan[]): void {
  for (const other of others) {
    if (other.planId === planId || other.status === 'Abandoned' || periodEnd < other.periodStart || other.periodEnd < periodStart) continue;
    // Only a draft can be given up; a submitted plan's period is OGP's record.
    const remedy = other.status === 'Draft' ? 'abandon that draft first if it was drafted by mistake' : `its period stands: a next plan starts after ${other.periodEnd}`;
    fail(
      'plan.period-overlaps',
      `The period ${periodStart} to ${periodEnd} overlaps plan "${other.title}" (${other.planId}, ${other.periodStart} to ${other.periodEnd}, ${other.status}): a member carries out one action plan at a time (${remedy})`,
      { planId: other.planId },
    );
  }
}

function requirePlan(state: PlanState, planId: string, allowed: readonly PlanStatus[], step: string): ActionPlan {
  if (state === null || state.planId !== planId) return fail('plan.not-found', `Action plan ${planId} not found`, { planId });
  if (state.abandonment !== null && !allowed.includes(state.status)) {
    fail('plan.invalid-transition', `Cannot ${step}: the plan was abandoned as a draft at ${state.abandonment.at} (${state.abandonment.reason})`, { status: state.status });
  }
  if (!allowed.includes(state.status)) fail('plan.invalid-transition', `Cannot ${step}: the plan is ${state.status} (needs ${allowed.join(' or ')})`, { status: state.status });
  return state;
}

/** The same organisations, in any order, whatever spaces or repeats were typed. */
function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const names = (list: readonly string[]) => [...new Set(list.map((n) => n.trim().replace(/\s+/g, ' ')))].sort().join('\n');
  return names(a) === names(b);
}

export function decidePlan(command: PlanCommand, state: PlanState, context: PlanDecisionContext): PlanEvent[] {
  requireRole(context.actor, command.type === 'RecordInceptionAssessment' ? 'reviewer' : 'admin', command.type);
  const planId = requireId('plan', command.data.planId, 'planId');
  switch (command.type) {
    case 'DraftActionPlan': {
      const d = command.data;
      requireId('member', d.memberId, 'memberId');
      if (context.member === null || context.member.memberId !== d.memberId) fail('member.not-found', `Member ${d.memberId} is not registered`, { memberId: d.memberId });
      if (state !== null) fail('plan.already-exists', `Action plan ${planId} already exists`, { planId });
      requireText(d.title, 'title');
      const periodStart = requireMonth(d.periodStart, 'periodStart');
      const periodEnd = requireMonth(d.periodEnd, 'periodEnd');
      requireOrder(periodStart, periodEnd, 'The plan period ends before it starts');
      requirePlausiblePeriod(periodStart, periodEnd, context);
      requireNoOverlap(planId, periodStart, periodEnd, context.memberPlans ?? []);
      return [{ type: 'ActionPlanDrafted', data: { planId, memberId: d.memberId, title: d.title, periodStart, periodEnd, effectiveAt: context.now } }];
    }
    case 'EndorseActionPlan': {
      const d = command.data;
      // Also after submission: an endorsement entered late is still a fact of the record. The 'endorsement' obligation
      // judges one entered on a later day than the submission by the day it was entered, so a late entry cannot
      // backdate compliance (see factsOf).
      const plan = requirePlan(state, planId, ['Draft', 'Submitted', 'Implementing', 'Ended'], 'endorse');
      if (plan.endorsement !== null) fail('plan.already-endorsed', `Action plan ${planId} was endorsed on ${plan.endorsement.endorsedOn}`);
      const endorsedOn = requirePastDate(d.endorsedOn, 'endorsedOn', context);
      const endorsedBy = requireTextList(d.endorsedBy, 'endorsedBy');
      if (endorsedBy.length === 0) fail('field.required', 'endorsedBy must name at least one civil society organisation', { field: 'endorsedBy' });
      if (d.statementUrl !== null && !isHttpUrl(d.statementUrl)) fail('evidence.invalid', 'statementUrl must be an http(s) url or null', { field: 'statementUrl' });
      return [{ type: 'ActionPlanEndorsed', data: { planId, endorsedBy, statementUrl: d.statementUrl, effectiveAt: endorsedOn } }];
    }
    case 'CorrectEndorsement': {
      const d = command.data;
      const plan = requirePlan(state, planId, ['Draft', 'Submitted', 'Implementing', 'Ended'], 'correct the endorsement');
      if (plan.endorsement === null) return fail('plan.not-endorsed', `Action plan ${planId} has no endorsement to correct: record it (POST .../endorsement)`);
      const reason = requireReason(d.reason, 'Correcting an endorsement');
      const endorsedOn = requirePastDate(d.endorsedOn, 'endorsedOn', context);
      const endorsedBy = requireTextList(d.endorsedBy, 'endorsedBy');
      if (endorsedBy.length === 0) fail('field.required', 'endorsedBy must name at least one civil society organisation', { field: 'endorsedBy' });
      const previous = { ...plan.endorsement, statementUrl: plan.endorsement.statementUrl ?? null };
      // Left out, the statement stays: a correction of the date alone must not drop the evidence link.
      const statementUrl = d.statementUrl === undefined ? previous.statementUrl : d.statementUrl;
      if (statementUrl !== null && !isHttpUrl(statementUrl)) fail('evidence.invalid', 'statementUrl must be an http(s) url or null', { field: 'statementUrl' });
      if (endorsedOn === previous.endorsedOn && sameNames(endorsedBy, previous.endorsedBy) && statementUrl === previous.statementUrl) {
        fail('plan.endorsement-unchanged', `The endorsement of ${planId} already says ${endorsedOn} by ${endorsedBy.join(', ')}`);
      }
      return [{ type: 'EndorsementCorrected', data: { planId, endorsedBy, statementUrl, previous, reason, effectiveAt: endorsedOn } }];
    }
    case 'SubmitActionPlan': {
      // Submission without endorsement is recorded, not refused: the 'endorsement' obligation reports it as not met.
      const plan = requirePlan(state, planId, ['Draft'], 'submit');
      const submittedOn = requirePastDate(command.data.submittedOn, 'submittedOn', context);
      return [{ type: 'ActionPlanSubmitted', data: { planId, endorsed: plan.endorsement !== null && !isBefore(submittedOn, plan.endorsement.endorsedOn), effectiveAt: submittedOn } }];
    }
    case 'RecordInceptionAssessment': {
      const d = command.data;
      const plan = requirePlan(state, planId, ['Submitted', 'Implementing'], 'record an inception assessment');
      if (plan.inceptionAssessedOn !== null) fail('inception.already-recorded', `Inception assessment of ${planId} was recorded for ${plan.inceptionAssessedOn}`);
      const assessedOn = requirePastDate(d.assessedOn, 'assessedOn', context);
      requireOrder(plan.submittedOn ?? assessedOn, assessedOn, 'The inception assessment predates submission');
      if (!isHttpUrl(d.reportUrl)) fail('evidence.invalid', 'reportUrl must be an http(s) url', { field: 'reportUrl' });
      requireText(d.summary, 'summary');
      return [{ type: 'InceptionAssessmentRecorded', data: { planId, reviewerId: context.actor.id, reportUrl: d.reportUrl, summary: d.summary, effectiveAt: assessedOn } }];
    }
    case 'StartImplementation': {
      const plan = requirePlan(state, planId, ['Submitted'], 'start implementation');
      const startedOn = requirePastDate(command.data.startedOn, 'startedOn', context);
      requireOrder(plan.submittedOn ?? startedOn, startedOn, 'Implementation starts before submission');
      return [{ type: 'ImplementationStarted', data: { planId, effectiveAt: startedOn } }];
    }
    case 'EndActionPlan': {
      const plan = requirePlan(state, planId, ['Implementing'], 'end the plan');
      const endedOn = requirePastDate(command.data.endedOn, 'endedOn', context);
      requireOrder(plan.startedOn ?? endedOn, endedOn, 'The plan ends before implementation started');
      return [{ type: 'ActionPlanEnded', data: { planId, effectiveAt: endedOn } }];
    }
    case 'AbandonActionPlan': {
      requirePlan(state, planId, ['Draft'], 'abandon the plan');
      return [{ type: 'ActionPlanAbandoned', data: { planId, reason: requireReason(command.data.reason, 'Abandoning an action plan'), effectiveAt: context.now } }];
    }
    default:
      return unknownCommand(command);
  }
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'ActionPlanDrafted') {
    // Misplaced on a drafted plan (the decider never writes it twice), it changes nothing.
    if (state !== null) return state;
    const d = event.data;
    return { planId: d.planId, memberId: d.memberId, title: d.title, periodStart: d.periodStart, periodEnd: d.periodEnd, status: 'Draft', endorsement: null, submittedOn: null, inceptionAssessedOn: null, startedOn: null, endedOn: null, abandonment: null };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'ActionPlanEndorsed':
    case 'EndorsementCorrected':
      return { ...state, endorsement: { endorsedOn: dateOf(event.data.effectiveAt), endorsedBy: event.data.endorsedBy, statementUrl: event.data.statementUrl } };
    case 'ActionPlanSubmitted':
      return { ...state, status: 'Submitted', submittedOn: event.data.effectiveAt };
    case 'InceptionAssessmentRecorded':
      return { ...state, inceptionAssessedOn: event.data.effectiveAt };
    case 'ImplementationStarted':
      return { ...state, status: 'Implementing', startedOn: event.data.effectiveAt };
    case 'ActionPlanEnded':
      return { ...state, status: 'Ended', endedOn: event.data.effectiveAt };
    case 'ActionPlanAbandoned':
      return { ...state, status: 'Abandoned', abandonment: { at: event.data.effectiveAt, reason: event.data.reason } };
    default:
      return ignoreEvent(event, state);
  }
}

export const planDecider: Decider<PlanState, PlanCommand, PlanEvent, PlanDecisionContext> = {
  initialState: () => null,
  decide: decidePlan,
  evolve: evolvePlan,
};
