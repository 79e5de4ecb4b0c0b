// Obligations over a plan's commitments: milestone reporting, evidence, verification of Complete claims, end-of-commitment assessment.
import { addDays, addMonths, lastDayOf, type IsoDate } from '../shared/dates';
import type { ClaimVersionFact, CommitmentFact, PlanFact } from './history';
import { byDeadline, type Item } from './outcome';
import type { ObligationRuleSet } from './rule-set';

const active = (plan: PlanFact): CommitmentFact[] => plan.commitments.filter((c) => !c.withdrawn);

/** The current version of each claim. */
function latestVersions(claims: readonly ClaimVersionFact[]): ClaimVersionFact[] {
  const latest = new Map<string, ClaimVersionFact>();
  for (const c of claims) if ((latest.get(c.claimId)?.version ?? 0) < c.version) latest.set(c.claimId, c);
  return [...latest.values()];
}

/** Every started, active milestone has its first claim recorded by its due date plus the grace. */
export function milestoneReportingItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  if (plan.submission === null) return [];
  return active(plan).flatMap((c) =>
    c.milestones
      .filter((m) => !m.withdrawn && m.startDate <= asOf)
      .map((m): Item => {
        const deadline = addDays(m.dueDate, ruleSet.milestoneReporting.graceDays);
        const first = c.claims.filter((x) => x.milestoneId === m.milestoneId).sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : 1))[0];
        const status = byDeadline(first?.recordedOn ?? null, deadline, asOf);
        const detail = first ? `${m.milestoneId}: first claim recorded ${first.recordedOn}, due by ${deadline}` : `${m.milestoneId}: no claim yet, due by ${deadline}`;
        return { status, eventIds: [first?.eventId ?? m.eventId], detail };
      }),
  );
}

/**
 * The current version of a Substantial or Complete claim carries evidence; evidence a reviewer asks for (of any
 * version) arrives as a new version in time.
 */
export function evidenceItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  return active(plan).flatMap((c) => {
    const current = new Set(latestVersions(c.claims));
    return c.claims.flatMap((claim): Item[] => {
      const items: Item[] = [];
      if (current.has(claim) && (claim.completion === 'Substantial' || claim.completion === 'Complete')) {
        items.push(claim.evidenceCount > 0
          ? { status: 'met', eventIds: [claim.eventId], detail: `${claim.claimId} v${claim.version}: ${claim.evidenceCount} evidence item(s)` }
          : { status: 'not met', eventIds: [claim.eventId], detail: `${claim.claimId} v${claim.version}: ${claim.completion} without evidence` });
      }
      for (const request of claim.evidenceRequests) {
        const answer = c.claims.find((x) => x.claimId === claim.claimId && x.version > claim.version && x.recordedOn >= request.on);
        const deadline = addDays(request.on, ruleSet.evidence.supplyRequestedWithinDays);
        const status = byDeadline(answer?.recordedOn ?? null, deadline, asOf);
        items.push({ status, eventIds: answer ? [request.eventId, answer.eventId] : [request.eventId], detail: `${claim.claimId} v${claim.version}: evidence requested ${request.on}, ${answer ? `supplied ${answer.recordedOn}` : `due by ${deadline}`}` });
      }
      return items;
    });
  });
}

/** The current version of every Complete claim is verified or disputed within the review window. */
export function verificationItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  return active(plan).flatMap((c) =>
    latestVersions(c.claims)
      .filter((claim) => claim.completion === 'Complete')
      .map((claim): Item => {
        const deadline = addDays(claim.recordedOn, ruleSet.verification.withinDays);
        const status = byDeadline(claim.review?.on ?? null, deadline, asOf);
        return { status, eventIds: claim.review ? [claim.review.eventId] : [claim.eventId], detail: `${claim.claimId} v${claim.version}: ${claim.review ? `reviewed ${claim.review.on}` : `not reviewed; due by ${deadline}`}` };
      }),
  );
}

/**
 * A commitment is complete when every active milestone has a Complete claim, in its current version, that is not
 * disputed (on the latest such claim's as-of date, or the day the last other milestone was withdrawn if later), or
 * at the latest when its period ends.
 */
export function completionDateOf(c: CommitmentFact): { on: IsoDate; eventIds: string[] } {
  const periodEnd = lastDayOf(c.endMonth);
  const milestones = c.milestones.filter((m) => !m.withdrawn);
  // Current versions only: a Complete claim that a later version took back does not complete its milestone.
  const claims = latestVersions(c.claims);
  const firsts = milestones.map((m) => claims.filter((x) => x.milestoneId === m.milestoneId && x.completion === 'Complete' && !x.disputed).sort((a, b) => (a.asOf < b.asOf ? -1 : 1))[0]);
  if (milestones.length > 0 && firsts.every((f) => f !== undefined)) {
    const last = firsts.reduce((a, b) => (a!.asOf >= b!.asOf ? a : b))!;
    const withdrawn = c.milestones.filter((m) => m.withdrawnOn !== null).map((m) => m.withdrawnOn!).sort().pop();
    const on = withdrawn !== undefined && withdrawn > last.asOf ? withdrawn : last.asOf;
    if (on < periodEnd) return { on, eventIds: [last.eventId] };
  }
  return { on: periodEnd, eventIds: [c.eventId] };
}

export function endOfCommitmentItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  return active(plan).flatMap((c): Item[] => {
    const completion = completionDateOf(c);
    if (completion.on > asOf) return [];
    const deadline = addMonths(completion.on, ruleSet.endOfCommitment.withinMonthsOfCompletion);
    const status = byDeadline(c.endAssessment?.on ?? null, deadline, asOf);
    const eventIds = c.endAssessment ? [c.endAssessment.eventId] : completion.eventIds;
    return [{ status, eventIds, detail: `${c.commitmentId}: complete on ${completion.on}, ${c.endAssessment ? `assessed ${c.endAssessment.on}` : 'not assessed'}; due by ${deadline}` }];
  });
}
