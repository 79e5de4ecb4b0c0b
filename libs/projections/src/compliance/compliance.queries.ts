// Compliance with OGP Local's obligations, computed on read: the domain's evaluate over the member's stored history
// (its member, plan and commitment streams, in global order) as known at an instant of recording.
import { dateOf, DEFAULT_RULE_SET, DEFAULT_TIME_ZONE, endOfDay, evaluate, isIsoDate, type HistoryEvent, type ObligationResult, type ObligationRuleSet } from '@ogp/domain';
import { domainStateModel } from '../entity-state/domain-state-model';
import { normalizeAsOf } from '../as-of';
import { eventsOfStreams } from '../audit-trail/audit-trail.queries';
import { entityState, memberStreams } from '../entity-state/entity-state.queries';
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
  readonly ruleSet: { readonly id: string; readonly version: number };
  readonly results: readonly ObligationResult[];
  /** Number of events the evaluation read. */
  readonly events: number;
}

/** The member's history as the domain's obligation rules read it: in the global order, one event at a time. */
export function* memberHistory(db: ReadModelDb, memberId: string, asOf?: string): Generator<HistoryEvent> {
  for (const e of eventsOfStreams(db, memberStreams(db, memberId), asOf)) yield { id: e.eventId, type: e.type, data: e.data, recordedAt: e.recordedAt, stream: e.stream };
}

/** The member's time zone as it stood at an instant (the zone its registration or a later change named). */
function timeZoneAt(db: ReadModelDb, memberId: string, asOf: string): string {
  const member = entityState(db, domainStateModel, `member-${memberId}`, asOf)?.state as { timeZone?: string } | null | undefined;
  return member?.timeZone ?? DEFAULT_TIME_ZONE;
}

export function complianceOf(db: ReadModelDb, query: ComplianceQuery): ComplianceView {
  const ruleSet = query.ruleSet ?? DEFAULT_RULE_SET;
  // The rules' days are the member's (its time zone): a bare date is that day there, up to its last moment; an
  // instant is the day it falls on there.
  const bareDate = isIsoDate(query.asOf);
  // For a bare date, the zone as it stood when that UTC day ended (a zone changed on that very day aside).
  const timeZone = timeZoneAt(db, query.memberId, normalizeAsOf(query.asOf));
  const asOf = bareDate ? endOfDay(query.asOf, timeZone) : normalizeAsOf(query.asOf);
  const asOfDate = bareDate ? query.asOf : dateOf(asOf, timeZone);
  // The history is read as the rules go, so memory holds their facts, not the member's every event.
  let events = 0;
  const counted = function* (history: Iterable<HistoryEvent>): Generator<HistoryEvent> {
    for (const e of history) {
      events++;
      yield e;
    }
  };
  const all = evaluate(counted(memberHistory(db, query.memberId, asOf)), asOfDate, ruleSet);
  const results = query.planId === undefined ? all : all.filter((r) => r.planId === query.planId);
  return {
    memberId: query.memberId,
    planId: query.planId ?? null,
    asOf,
    asOfDate,
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    results,
    events,
  };
}
