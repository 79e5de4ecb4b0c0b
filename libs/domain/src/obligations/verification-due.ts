// The verification obligation's deadline: the last day a Complete claim version may be verified or disputed.
import { addDays, type IsoDate } from '../shared/dates';
import { DEFAULT_RULE_SET, type ObligationRuleSet } from './rule-set';

/**
 * The last day a Complete version recorded on `recordedOn` (a day in the member's time zone) may be verified or
 * disputed for the verification obligation to be met. One computation for the verdict (verificationItems) and for a
 * reviewer's queue, so that the queue's "review due by" is the date the compliance answer judges against.
 */
export function verificationDueBy(recordedOn: IsoDate, ruleSet: ObligationRuleSet = DEFAULT_RULE_SET): IsoDate {
  return addDays(recordedOn, ruleSet.verification.withinDays);
}
