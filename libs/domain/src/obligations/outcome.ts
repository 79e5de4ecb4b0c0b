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

/** The worst item decides the status; the result names that status's events and describes its items. */
export function summarise(obligation: ObligationId, planId: string | null, items: readonly Item[], ruleSet: ObligationRuleSet, none: string): ObligationResult {
  if (items.length === 0) return { obligation, status: 'not applicable', eventIds: [], detail: none, planId, ruleSet: `${ruleSet.id}@${ruleSet.version}` };
  const status = SEVERITY.find((s) => items.some((i) => i.status === s)) ?? 'met';
  const worst = items.filter((i) => i.status === status);
  const counts = SEVERITY.map((s) => [s, items.filter((i) => i.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const shown = worst.slice(0, 3).map((i) => i.detail).join('; ') + (worst.length > 3 ? `; and ${worst.length - 3} more` : '');
  const detail = items.length === 1 ? shown : `${counts.join(', ')}. ${shown}`;
  return { obligation, status, eventIds: [...new Set(worst.flatMap((i) => i.eventIds))], detail, planId, ruleSet: `${ruleSet.id}@${ruleSet.version}` };
}
