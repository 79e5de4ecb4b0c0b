// An action plan's period: plausible by itself (not 1999-2099, not decades ahead).
import type { DecisionContext } from '../shared/context';
import type { IsoMonth } from '../shared/dates';
import { fail } from '../shared/errors';
import { todayOf } from '../shared/validate';

/** OGP Local began in 2016: no member's plan starts earlier. */
const EARLIEST_START: IsoMonth = '2016-01';
/** OGP Local plans run two years, some longer; five years is beyond any, so a longer period is a slip (1999-2099). */
const MAX_MONTHS = 60;
/** A plan is drafted months ahead of its start, not years. */
const MAX_YEARS_AHEAD = 2;

function monthsFrom(start: IsoMonth, end: IsoMonth): number {
  const [y1, m1] = start.split('-').map(Number) as [number, number];
  const [y2, m2] = end.split('-').map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1) + 1;
}

export function requirePlausiblePeriod(periodStart: IsoMonth, periodEnd: IsoMonth, context: Pick<DecisionContext, 'now' | 'timeZone'>): void {
  const months = monthsFrom(periodStart, periodEnd);
  if (months > MAX_MONTHS) fail('plan.period-implausible', `The plan period ${periodStart} to ${periodEnd} runs ${months} months; an OGP Local action plan runs at most ${MAX_MONTHS}`, { field: 'periodEnd' });
  if (periodStart < EARLIEST_START) fail('plan.period-implausible', `The plan period starts ${periodStart}, before OGP Local began (${EARLIEST_START})`, { field: 'periodStart' });
  const latestStart = `${Number(todayOf(context).date.slice(0, 4)) + MAX_YEARS_AHEAD}-12`;
  if (periodStart > latestStart) fail('plan.period-implausible', `The plan period starts ${periodStart}; a plan is drafted at most ${MAX_YEARS_AHEAD} years ahead (start by ${latestStart})`, { field: 'periodStart' });
}
