// Building blocks of obligation results: a deadline's status, and the worst-wins summary over many items.
import type { IsoDate } from '../shared/dates';
import type { ObligationId, ObligationResult, ObligationRuleSet, ObligationStatus } from './rule-set';

/** One checked item (a meeting gap, a milestone, a claim...) before items are summed up per plan. */
export interface Item {
  readonly status: Exclude<ObligationStatus, 'not applicable'>;
  readonly eventIds: readonly string[];
  readonly detail: string;
}

/** Done on or before the deadline: met; done later: not met; not done: due until the deadline, overdue after. */
export function byDeadline(doneOn: IsoDate | null, deadline: IsoDate, asOf: IsoDate): Item['status'] {
  if (doneOn !== null) return doneOn <= deadline ? 'met' : 'not met';
  return asOf <= deadline ? 'due' : 'overdue';
}

const SEVERITY: readonly Item['status'][] = ['not met', 'overdue', 'due', 'met'];

/** What a verdict cites once it has failed: a violation history cannot repair does not hide one still open. */
const FAILING: readonly Item['status'][] = ['not met', 'overdue'];

/** At most this many items are described per status; the rest are counted. */
const SHOWN_PER_STATUS = 3;

/**
 * The worst item decides the status. A failed result cites every failing item (not met, then overdue), so that an
 * open violation the member can still fix is named beside one that is final; otherwise it cites the items of its status.
 */
export function summarise(obligation: ObligationId, planId: string | null, items: readonly Item[], ruleSet: ObligationRuleSet, none: string): ObligationResult {
  if (items.length === 0) return notApplicable(obligation, planId, [], none, ruleSet);
  const rules = ruleSetName(ruleSet);
  const byStatus = SEVERITY.map((s) => [s, items.filter((i) => i.status === s)] as const).filter(([, of]) => of.length > 0);
  const status = byStatus[0]![0];
  const cited = byStatus.filter(([s]) => (FAILING.includes(status) ? FAILING.includes(s) : s === status));
  const described = cited.map(([s, of]) => (cited.length > 1 ? `${capitalised(s)}: ${describe(of)}` : describe(of))).join('. ');
  const counts = byStatus.map(([s, of]) => `${of.length} ${s}`).join(', ');
  const detail = items.length === 1 ? described : `${counts}. ${described}`;
  return { obligation, status, eventIds: [...new Set(cited.flatMap(([, of]) => of.flatMap((i) => i.eventIds)))], detail, planId, ruleSet: rules };
}

/** A verdict that nothing is owed; `eventIds` name what made it so, if any event did. */
export function notApplicable(obligation: ObligationId, planId: string | null, eventIds: readonly string[], detail: string, ruleSet: ObligationRuleSet): ObligationResult {
  return { obligation, status: 'not applicable', eventIds, detail, planId, ruleSet: ruleSetName(ruleSet) };
}

const ruleSetName = (ruleSet: ObligationRuleSet): string => `${ruleSet.id}@${ruleSet.version}`;

function describe(items: readonly Item[]): string {
  const more = items.length - SHOWN_PER_STATUS;
  return items.slice(0, SHOWN_PER_STATUS).map((i) => i.detail).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
