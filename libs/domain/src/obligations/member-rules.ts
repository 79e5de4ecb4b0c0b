// Member-wide obligations kept at a cadence: the forum meets, and public OGP information is updated, at most N months apart.
import { addMonths, type IsoDate } from '../shared/dates';
import type { Dated, MemberFacts } from './history';
import type { Item } from './outcome';

/**
 * From registration on, consecutive dated facts may be at most `maxGapMonths` apart, and the latest one no older
 * than that on `asOf`. A past gap that was too long is 'not met' (history cannot be repaired); a current one is
 * 'overdue' until the next fact arrives; with no fact yet, 'due' until the first deadline.
 */
export function cadenceItems(facts: MemberFacts, dated: readonly Dated[], maxGapMonths: number, asOf: IsoDate, what: string): Item[] {
  if (facts.registration === null) return [];
  const registration = facts.registration;
  // Only what happened from registration on counts: a meeting back-filled from before it neither opens nor closes a gap.
  const points = [...dated].filter((d) => d.on <= asOf && d.on >= registration.on).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  // ...but say that they were left out, or a member onboarded late reads "first meeting due" over its own records.
  const uncounted = dated.filter((d) => d.on < registration.on).length;
  const note = uncounted === 0 ? '' : ` (${uncounted} ${what}${uncounted === 1 ? '' : 's'} before registration on ${registration.on} ${uncounted === 1 ? 'is' : 'are'} not counted)`;
  const items: Item[] = [];
  let previous: Dated = registration;
  for (const point of points) {
    const deadline = addMonths(previous.on, maxGapMonths);
    if (point.on > deadline) items.push({ status: 'not met', eventIds: [previous.eventId, point.eventId], detail: `no ${what} between ${previous.on} and ${point.on} (more than ${maxGapMonths} months)` });
    previous = point;
  }
  const next = addMonths(previous.on, maxGapMonths);
  if (next < asOf) {
    items.push({ status: 'overdue', eventIds: [previous.eventId], detail: `no ${what} since ${previous.on}; one was due by ${next}${note}` });
  } else if (points.length === 0) {
    items.push({ status: 'due', eventIds: [registration.eventId], detail: `first ${what} due by ${next}${note}` });
  } else {
    items.push({ status: 'met', eventIds: points.map((p) => p.eventId), detail: `latest ${what} on ${previous.on}; next due by ${next}${note}` });
  }
  return items;
}
