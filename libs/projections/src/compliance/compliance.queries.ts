// Compliance with OGP Local's obligations, computed on read: the domain's evaluate over the member's stored history
// (its member, plan and commitment streams, in global order) as known at an instant of recording.
import { DEFAULT_RULE_SET, evaluate, type HistoryEvent, type ObligationResult, type ObligationRuleSet } from '@ogp/domain';
import { normalizeAsOf } from '../as-of';
import { eventsOfStreams } from '../audit-trail/audit-trail.queries';
import { memberStreams } from '../entity-state/entity-state.queries';
import type { ReadModelDb } from '../projection';

export interface ComplianceQuery {
  readonly memberId: string;
  /** ISO instant or date (a date means the end of that UTC day): events recorded after it are not yet history. */
  readonly asOf: string;
  /** Only results about this plan (member-wide obligations, planId null, are left out). */
  readonly planId?: string;
  readonly ruleSet?: ObligationRuleSet;
}

export interface ComplianceView {
  readonly memberId: string;
  readonly planId: string | null;
  /** The instant the evaluation reflects (normalised) and the date the rules were evaluated on. */
  readonly asOf: string;
  readonly asOfDate: string;
  readonly ruleSet: { readonly id: string; readonly version: number };
  readonly results: readonly ObligationResult[];
  /** Number of events the evaluation read. */
  readonly events: number;
}

/** The member's history as the domain's obligation rules read it. */
export function memberHistory(db: ReadModelDb, memberId: string, asOf?: string): HistoryEvent[] {
  return eventsOfStreams(db, memberStreams(db, memberId), asOf).map((e) => ({
    id: e.eventId,
    type: e.type,
    data: e.data,
    recordedAt: e.recordedAt,
    stream: e.stream,
  }));
}

export function complianceOf(db: ReadModelDb, query: ComplianceQuery): ComplianceView {
  const asOf = normalizeAsOf(query.asOf);
  const asOfDate = asOf.slice(0, 10);
  const ruleSet = query.ruleSet ?? DEFAULT_RULE_SET;
  const history = memberHistory(db, query.memberId, asOf);
  const all = evaluate(history, asOfDate, ruleSet);
  const results = query.planId === undefined ? all : all.filter((r) => r.planId === query.planId);
  return {
    memberId: query.memberId,
    planId: query.planId ?? null,
    asOf,
    asOfDate,
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    results,
    events: history.length,
  };
}
