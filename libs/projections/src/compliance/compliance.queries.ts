// Compliance with OGP Local's obligations, computed on read: the domain's evaluate over the member's stored history
// (its member, plan and commitment streams, in global order) as known at an instant of recording.
import { addDays, DEFAULT_RULE_SET, endOfDay, evaluation, isIsoDate, type HistoryEvent, type ObligationResult, type ObligationRuleSet } from '@ogp/domain';
import { normalizeAsOf } from '../as-of';
import { eventsOfStreams } from '../audit-trail/audit-trail.queries';
import { memberStreams } from '../entity-state/entity-state.queries';
import type { ReadModelDb } from '../projection';

export interface ComplianceQuery {
  readonly memberId: string;
  /** ISO instant or date (a date means the end of that day in the member's time zone): events recorded after it are not yet history. */
  readonly asOf: string;
  /** Only results about this plan (member-wide obligations, planId null, are left out). */
  readonly planId?: string;
  readonly ruleSet?: ObligationRuleSet;
}

export interface ComplianceView {
  readonly memberId: string;
  readonly planId: string | null;
  /** The instant the evaluation reflects (normalised) and the date the rules were evaluated on (the member's day). */
  readonly asOf: string;
  readonly asOfDate: string;
  /** The member's time zone the day was judged in (its zone at the end of the history read). */
  readonly timeZone: string;
  readonly ruleSet: { readonly id: string; readonly version: number };
  readonly results: readonly ObligationResult[];
  /** Number of the member's events known at asOf (those recorded by then, on or before asOfDate for a bare date). */
  readonly events: number;
}

/** The member's history as the domain's obligation rules read it: in the global order, one event at a time. */
export function* memberHistory(db: ReadModelDb, memberId: string, asOf?: string): Generator<HistoryEvent> {
  for (const e of eventsOfStreams(db, memberStreams(db, memberId), asOf)) yield { id: e.eventId, type: e.type, data: e.data, recordedAt: e.recordedAt, stream: e.stream };
}

/**
 * The latest instant any zone's day `date` ends at: west of UTC a day ends up to 12 hours after UTC's (Etc/GMT+12,
 * Baker Island). A bare date's history is read up to here, and the rules keep what was recorded on or before that day
 * in the member's zone as it was at each event (a zone changed on that very day included).
 */
function lastEndOfDay(date: string): string {
  // The calendar's last day ends with it, in every zone (ISO instants have four-digit years).
  return date === LAST_DAY ? `${LAST_DAY}T23:59:59.999Z` : `${addDays(date, 1)}T11:59:59.999Z`;
}
const LAST_DAY = '9999-12-31';

/** The member's compliance as of query.asOf; null before it was registered (on that day in its zone): there is no member to judge. */
export function complianceOf(db: ReadModelDb, query: ComplianceQuery): ComplianceView | null {
  const ruleSet = query.ruleSet ?? DEFAULT_RULE_SET;
  // The rules' days are the member's (its time zone): a bare date is that day there, up to its last moment; an
  // instant is the day it falls on there.
  const bareDate = isIsoDate(query.asOf);
  const readUntil = bareDate ? lastEndOfDay(query.asOf) : normalizeAsOf(query.asOf);
  // The history is read as the rules go, so memory holds their facts, not the member's every event.
  const judged = evaluation(memberHistory(db, query.memberId, readUntil), bareDate ? query.asOf : readUntil, ruleSet);
  if (!judged.registered) return null;
  const results = query.planId === undefined ? judged.results : judged.results.filter((r) => r.planId === query.planId);
  return {
    memberId: query.memberId,
    planId: query.planId ?? null,
    asOf: bareDate ? endOfDay(query.asOf, judged.timeZone) : readUntil,
    asOfDate: judged.day,
    timeZone: judged.timeZone,
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    results,
    events: judged.events,
  };
}
