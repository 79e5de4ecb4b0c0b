// Plan obligations: civil society endorsed the plan before submission; inception assessment soon after submission.
import { addMonths, firstDayOf, type IsoDate } from '../shared/dates';
import { assessedWording, type Dated, type PlanFact } from './history';
import { byDeadline, notApplicable, type Item } from './outcome';
import type { ObligationId, ObligationResult, ObligationRuleSet } from './rule-set';

/** Endorsed on or before submission: met. Submitted without: not met. Neither yet: due until the plan period starts. */
export function endorsementItems(plan: PlanFact, asOf: IsoDate): Item[] {
  const { endorsement, submission } = plan;
  if (submission !== null) {
    if (endorsement !== null && endorsement.on <= submission.on) {
      return [{ status: 'met', eventIds: [endorsement.eventId, submission.eventId], detail: `endorsed on ${endorsement.on}, submitted on ${submission.on}` }];
    }
    const entered = endorsement !== null && endorsement.on !== endorsement.endorsedOn ? `, entered on ${endorsement.on}` : '';
    const late = endorsement !== null ? ` (endorsed on ${endorsement.endorsedOn}${entered})` : '';
    return [{ status: 'not met', eventIds: endorsement !== null ? [submission.eventId, endorsement.eventId] : [submission.eventId], detail: `submitted on ${submission.on} without prior civil society endorsement${late}` }];
  }
  if (endorsement !== null) return [{ status: 'met', eventIds: [endorsement.eventId], detail: `endorsed on ${endorsement.on}; not yet submitted` }];
  const deadline = firstDayOf(plan.periodStart);
  const status = byDeadline(null, deadline, asOf);
  return [{ status, eventIds: [plan.eventId], detail: `no endorsement yet; expected before the plan period starts on ${deadline}` }];
}

export function inceptionItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  if (plan.submission === null) return [];
  const deadline = addMonths(plan.submission.on, ruleSet.inception.withinMonthsOfSubmission);
  const status = byDeadline(plan.inception?.on ?? null, deadline, asOf);
  const eventIds = plan.inception !== null ? [plan.inception.eventId] : [plan.submission.eventId];
  const detail = plan.inception !== null ? `inception assessed ${assessedWording(plan.inception)}; due by ${deadline}` : `no inception assessment; due by ${deadline}`;
  return [{ status, eventIds, detail }];
}

/**
 * A draft given up owes nothing from the day it was abandoned (judged as of an earlier day, it owed what any draft
 * did): each plan obligation is not applicable, citing the abandonment, so that the verdict still says why.
 */
export function abandonedPlanResult(obligation: ObligationId, planId: string, abandonment: Dated, ruleSet: ObligationRuleSet): ObligationResult {
  return notApplicable(obligation, planId, [abandonment.eventId], `plan abandoned as a draft on ${abandonment.on}`, ruleSet);
}
