// evaluate(history, asOf, ruleSet): every OGP Local obligation of one member, per plan where it applies.
import { dateOf, isIsoDate, isIsoInstant, type TimeZone } from '../shared/dates';
import { fail } from '../shared/errors';
import { evidenceItems, endOfCommitmentItems, milestoneReportingItems, verificationItems } from './commitment-rules';
import { factsOf, type HistoryEvent } from './history';
import { cadenceItems } from './member-rules';
import { summarise } from './outcome';
import { abandonedPlanResult, endorsementItems, inceptionItems } from './plan-rules';
import { DEFAULT_RULE_SET, type ObligationId, type ObligationResult, type ObligationRuleSet } from './rule-set';

/**
 * Days are days in the member's time zone (see factsOf): `asOf` as an instant is the day it falls on there, and an
 * event counts from the day it was recorded there. Results in rule-set order: member-wide obligations (forum, website) once, plan obligations once per plan (in the
 * order plans were drafted). Only events recorded on or before `asOf` count, so the same history evaluated at an
 * earlier date shows what was known then.
 */
export function evaluate(history: Iterable<HistoryEvent>, asOf: string, ruleSet: ObligationRuleSet = DEFAULT_RULE_SET): ObligationResult[] {
  return evaluation(history, asOf, ruleSet).results;
}

/** What evaluate judged, and in which frame: the member's zone at the end of the history read, and whether it was registered by then. */
export interface Evaluation {
  readonly results: ObligationResult[];
  readonly timeZone: TimeZone;
  readonly registered: boolean;
  /** The day the rules judged on, in that zone. */
  readonly day: string;
  /** How many events of the history were known at asOf (those the verdicts could cite). */
  readonly events: number;
}

/** evaluate, with the frame of its verdicts: a reader of a bare date learns which zone's day it was judged in. */
export function evaluation(history: Iterable<HistoryEvent>, asOf: string, ruleSet: ObligationRuleSet = DEFAULT_RULE_SET): Evaluation {
  if (!isIsoDate(asOf) && !isIsoInstant(asOf)) fail('date.invalid', `asOf must be an ISO date or instant: ${asOf}`);
  const { facts, timeZone, known } = factsOf(history, asOf);
  // The day the rules judge on: an instant's day in the member's zone as it stood then.
  const day = isIsoDate(asOf) ? asOf : dateOf(asOf, timeZone);
  const results: ObligationResult[] = [];
  const perPlan = (id: ObligationId, items: (plan: (typeof facts.plans)[number]) => ReturnType<typeof inceptionItems>, none: string) => {
    if (facts.plans.length === 0) results.push(summarise(id, null, [], ruleSet, 'no action plan yet'));
    for (const plan of facts.plans) results.push(plan.abandonment !== null ? abandonedPlanResult(id, plan.planId, plan.abandonment, ruleSet) : summarise(id, plan.planId, items(plan), ruleSet, none));
  };
  for (const id of ruleSet.obligations) {
    switch (id) {
      case 'forum':
        results.push(summarise(id, null, cadenceItems(facts, facts.meetings, ruleSet.forum.maxGapMonths, day, 'forum meeting'), ruleSet, 'member not registered'));
        break;
      case 'website':
        results.push(summarise(id, null, cadenceItems(facts, facts.publicUpdates, ruleSet.website.maxGapMonths, day, 'public information update'), ruleSet, 'member not registered'));
        break;
      case 'endorsement':
        perPlan(id, (plan) => endorsementItems(plan, day), 'nothing to endorse');
        break;
      case 'inception':
        perPlan(id, (plan) => inceptionItems(plan, day, ruleSet), 'plan not submitted yet');
        break;
      case 'milestone-reporting':
        perPlan(id, (plan) => milestoneReportingItems(plan, day, ruleSet), 'no started milestone in a submitted plan');
        break;
      case 'evidence':
        perPlan(id, (plan) => evidenceItems(plan, day, ruleSet), 'no Substantial or Complete claim, no evidence request');
        break;
      case 'verification':
        perPlan(id, (plan) => verificationItems(plan, day, ruleSet), 'no Complete claim');
        break;
      case 'end-of-commitment':
        perPlan(id, (plan) => endOfCommitmentItems(plan, day, ruleSet), 'no commitment completed yet');
        break;
      default: {
        const unknown: never = id;
        fail('value.invalid', `Unknown obligation ${String(unknown)}`);
      }
    }
  }
  return { results, timeZone, registered: facts.registration !== null, day, events: known };
}
