// Obligations over a plan's commitments: milestone reporting, evidence, verification of Complete claims, end-of-commitment assessment.
import { addDays, addMonths, lastDayOf, type IsoDate } from '../shared/dates';
import { assessedWording, type ClaimVersionFact, type CommitmentFact, type Dated, type MilestoneFact, type PlanFact } from './history';
import { COMPLETION_SCORES } from '../progress/progress';
import { byDeadline, type Item } from './outcome';
import type { ObligationRuleSet } from './rule-set';
import { verificationDueBy } from './verification-due';

const active = (plan: PlanFact): CommitmentFact[] => plan.commitments.filter((c) => !c.withdrawn);

/** How a person finds a commitment: OGP's id (e.g. IDSMG0001) when it has one, else its title. */
const commitmentLabel = (c: CommitmentFact): string => c.ogpId ?? `"${c.title}"`;
const milestoneLabel = (c: CommitmentFact, m: MilestoneFact | undefined): string => `milestone ${m ? `"${m.title}"` : '?'} of ${commitmentLabel(c)}`;
const claimLabel = (c: CommitmentFact, claim: ClaimVersionFact): string =>
  `claim ${claim.claimId} v${claim.version} on ${milestoneLabel(c, c.milestones.find((m) => m.milestoneId === claim.milestoneId))}`;


/** The current version of each claim, in the order claims were first reported. */
function latestVersions(claims: readonly ClaimVersionFact[]): ClaimVersionFact[] {
  const latest = new Map<string, ClaimVersionFact>();
  for (const c of claims) if ((latest.get(c.claimId)?.version ?? 0) < c.version) latest.set(c.claimId, c);
  return [...latest.values()];
}

/**
 * The claim that speaks for a milestone, as progress reads it (currentClaim in progress.ts): of the current versions
 * not disputed, the latest by as-of date, a later-reported claim winning a tie.
 */
function currentClaimOf(current: readonly ClaimVersionFact[], milestoneId: string): ClaimVersionFact | undefined {
  let found: ClaimVersionFact | undefined;
  for (const x of current) if (x.milestoneId === milestoneId && !x.disputed && (found === undefined || x.asOf >= found.asOf)) found = x;
  return found;
}

/**
 * The reporting deadline in force: the due date the milestone was added with, plus the grace, moved by each
 * reschedule recorded while it was neither reported on nor past that deadline. Rescheduling after a missed deadline
 * does not undo the miss, and rescheduling after the first claim does not reopen the question.
 */
function reportingDeadline(m: MilestoneFact, firstClaimOn: IsoDate | null, graceDays: number): IsoDate {
  let deadline = addDays(m.dueDates[0]!.dueDate, graceDays);
  for (const change of m.dueDates.slice(1)) {
    if (change.recordedOn > deadline || (firstClaimOn !== null && change.recordedOn > firstClaimOn)) break;
    deadline = addDays(change.dueDate, graceDays);
  }
  return deadline;
}

/** Every started, active milestone has its first claim recorded by its due date plus the grace. */
export function milestoneReportingItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  if (plan.submission === null) return [];
  return active(plan).flatMap((c) =>
    c.milestones
      .filter((m) => !m.withdrawn && m.startDate <= asOf)
      .map((m): Item => {
        const first = c.claims.filter((x) => x.milestoneId === m.milestoneId).sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : 1))[0];
        const deadline = reportingDeadline(m, first?.recordedOn ?? null, ruleSet.milestoneReporting.graceDays);
        const status = byDeadline(first?.recordedOn ?? null, deadline, asOf);
        const detail = `${milestoneLabel(c, m)}: ${first ? `first claim recorded ${first.recordedOn}` : 'no claim yet'}, due by ${deadline}`;
        return { status, eventIds: [first?.eventId ?? m.eventId], detail };
      }),
  );
}

/**
 * The current version of a Substantial or Complete claim carries evidence. Evidence a reviewer asks for (of any
 * version) arrives in time, as a new version that carries evidence or that claims less than the version asked about
 * (the city takes back what it could not prove), unless the reviewer settles the matter first: verifies or disputes
 * the version asked about, or a later one, after asking. Requests on one version (two reviewers asking) are one item,
 * timed from the first: one new version answers them all, so the city owes one answer, not one per reviewer.
 */
export function evidenceItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  return plan.commitments.flatMap((c) => {
    const current = new Set(latestVersions(c.claims));
    return c.claims.flatMap((claim): Item[] => {
      const items: Item[] = [];
      const withdrawnOn = withdrawalOf(c, claim.milestoneId);
      if (withdrawnOn === null && current.has(claim) && (claim.completion === 'Substantial' || claim.completion === 'Complete')) {
        items.push(claim.evidenceCount > 0
          ? { status: 'met', eventIds: [claim.eventId], detail: `${claimLabel(c, claim)}: ${claim.evidenceCount} evidence item(s)` }
          : { status: 'not met', eventIds: [claim.eventId], detail: `${claimLabel(c, claim)}: ${claim.completion} without evidence` });
      }
      if (claim.evidenceRequests.length > 0) {
        const { item, deadline } = evidenceRequestItem(c, claim, claim.evidenceRequests, asOf, ruleSet);
        items.push(...afterWithdrawal(item, deadline, withdrawnOn));
      }
      return items;
    });
  });
}

function evidenceRequestItem(c: CommitmentFact, claim: ClaimVersionFact, requests: readonly Dated[], asOf: IsoDate, ruleSet: ObligationRuleSet): { item: Item; deadline: IsoDate } {
  const request = requests.reduce((a, b) => (b.on < a.on ? b : a));
  const deadline = addDays(request.on, ruleSet.evidence.supplyRequestedWithinDays);
  const later = c.claims.filter((x) => x.claimId === claim.claimId && x.version > claim.version && x.recordedOn >= request.on);
  const supplied = later.find((x) => x.evidenceCount > 0 || claimsLess(x, claim));
  const settledVersion = [claim, ...later].filter((x) => x.review !== null && x.review.on >= request.on).sort((a, b) => (a.review!.on < b.review!.on ? -1 : 1))[0];
  const settled = settledVersion?.review ?? null;
  const answer = supplied !== undefined && (settled === null || supplied.recordedOn <= settled.on)
    ? { on: supplied.recordedOn, eventId: supplied.eventId, what: supplied.evidenceCount > 0 ? `supplied ${supplied.recordedOn} (v${supplied.version})` : `answered ${supplied.recordedOn} by v${supplied.version}, which claims ${supplied.completion}` }
    : settled !== null ? { on: settled.on, eventId: settled.eventId, what: `settled by the reviewer's ${settledVersion!.disputed ? 'dispute' : 'verification'} of v${settledVersion!.version} on ${settled.on}` } : null;
  const status = byDeadline(answer?.on ?? null, deadline, asOf);
  const requestIds = requests.map((r) => r.eventId);
  const asked = `evidence requested ${request.on}${requests.length > 1 ? ` (${requests.length} requests)` : ''}`;
  return { item: { status, eventIds: answer ? [...requestIds, answer.eventId] : requestIds, detail: `${claimLabel(c, claim)}: ${asked}, ${answer ? `${answer.what}; due by ${deadline}` : `due by ${deadline}`}` }, deadline };
}

/** A version claims less than another (a withdrawn claim claims nothing). */
function claimsLess(version: ClaimVersionFact, than: ClaimVersionFact): boolean {
  const score = (x: ClaimVersionFact): number => COMPLETION_SCORES[x.completion as keyof typeof COMPLETION_SCORES] ?? -1;
  return score(version) < score(than);
}

/**
 * Every Complete version of a claim (on an active milestone) is verified or disputed within the review window from
 * its recording. The current version is judged as it stands (due, overdue, met or not met). A version superseded by
 * a new one before its deadline owes nothing: the new version has its own clock. A version superseded after its
 * deadline without a review by then stays not met: the miss was already there, and filing a new version (the city's
 * answer to an evidence request, or its own amendment) must not hide it. An evidence request is not a review and does
 * not stop the clock (the reviewer can still verify or dispute the version asked about).
 */
export function verificationItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  return plan.commitments.flatMap((c) =>
    latestVersions(c.claims)
      .flatMap((latest) => versionsOf(c.claims, latest.claimId))
      .filter((claim) => claim.completion === 'Complete')
      .flatMap((claim): Item[] => {
        const deadline = verificationDueBy(claim.recordedOn, ruleSet);
        const next = versionsOf(c.claims, claim.claimId).find((x) => x.version > claim.version);
        const item =
          next === undefined
            ? currentVersionItem(c, claim, deadline, asOf)
            : next.recordedOn <= deadline || (claim.review !== null && claim.review.on <= deadline)
              ? null
              : missedBeforeSupersededItem(c, claim, next, deadline);
        return afterWithdrawal(item, deadline, withdrawalOf(c, claim.milestoneId));
      }),
  );
}

/** The day a claim's milestone, or its commitment, was withdrawn (the earlier), or null while both stand. */
function withdrawalOf(c: CommitmentFact, milestoneId: string): IsoDate | null {
  const days = [c.withdrawnOn, c.milestones.find((m) => m.milestoneId === milestoneId)?.withdrawnOn ?? null].filter((d): d is IsoDate => d !== null);
  return days.length === 0 ? null : days.sort()[0]!;
}

/**
 * An item of a claim whose milestone or commitment was withdrawn: a withdrawal stops the clocks still running (their
 * items go: nothing is owed on what the city no longer pursues), but a window that had closed unanswered before it
 * stays missed, final. Withdrawing must not erase a miss, as filing a new version must not.
 */
function afterWithdrawal(item: Item | null, deadline: IsoDate, withdrawnOn: IsoDate | null): Item[] {
  if (item === null) return [];
  if (withdrawnOn === null) return [item];
  if (deadline >= withdrawnOn || (item.status !== 'overdue' && item.status !== 'not met')) return [];
  return [{ ...item, status: 'not met', detail: `${item.detail}; withdrawn on ${withdrawnOn}` }];
}

/** Every version of one claim, oldest first. */
const versionsOf = (claims: readonly ClaimVersionFact[], claimId: string): ClaimVersionFact[] =>
  claims.filter((x) => x.claimId === claimId).sort((a, b) => a.version - b.version);

function currentVersionItem(c: CommitmentFact, claim: ClaimVersionFact, deadline: IsoDate, asOf: IsoDate): Item {
  const status = byDeadline(claim.review?.on ?? null, deadline, asOf);
  return { status, eventIds: claim.review ? [claim.review.eventId] : [claim.eventId], detail: `${claimLabel(c, claim)}: ${claim.review ? 'reviewed ' + claim.review.on : 'not reviewed'}; due by ${deadline}` };
}

/** A version whose review window closed before a new version replaced it: final, whatever became of the new one. */
function missedBeforeSupersededItem(c: CommitmentFact, claim: ClaimVersionFact, next: ClaimVersionFact, deadline: IsoDate): Item {
  const review = claim.review ? `reviewed ${claim.review.on}; due by ${deadline}` : `not reviewed by ${deadline}`;
  return {
    status: 'not met',
    eventIds: [claim.eventId, ...(claim.review ? [claim.review.eventId] : []), next.eventId],
    detail: `${claimLabel(c, claim)}: ${review}; superseded by v${next.version} on ${next.recordedOn}`,
  };
}

/**
 * A commitment is complete when the current claim (as progress reads it) of every active milestone is Complete: on
 * the latest of their as-of dates, or the day the last other milestone was withdrawn if later. At the latest it is
 * complete when its period ends. `knownOn` is the day that was recorded (a claim reported late cannot have started
 * the reviewer's clock before it was made).
 */
export function completionDateOf(c: CommitmentFact): { on: IsoDate; knownOn: IsoDate; eventIds: string[]; byPeriodEnd: boolean } {
  const periodEnd = lastDayOf(c.endMonth);
  const milestones = c.milestones.filter((m) => !m.withdrawn);
  const claims = latestVersions(c.claims);
  const currents = milestones.map((m) => currentClaimOf(claims, m.milestoneId));
  if (milestones.length > 0 && currents.every((x) => x?.completion === 'Complete')) {
    const last = currents.reduce((a, b) => (a!.asOf >= b!.asOf ? a : b))!;
    const lastKnown = currents.reduce((a, b) => (a!.recordedOn >= b!.recordedOn ? a : b))!;
    const withdrawn = c.milestones.filter((m) => m.withdrawnOn !== null).map((m) => m.withdrawnOn!).sort().pop() ?? '';
    const on = withdrawn > last.asOf ? withdrawn : last.asOf;
    if (on < periodEnd) return { on, knownOn: withdrawn > lastKnown.recordedOn ? withdrawn : lastKnown.recordedOn, eventIds: [lastKnown.eventId], byPeriodEnd: false };
  }
  return { on: periodEnd, knownOn: periodEnd, eventIds: [c.eventId], byPeriodEnd: true };
}

/**
 * A reviewer assesses a commitment within the window after it is complete (counted from the day that was known). An
 * assessment dated before the commitment was complete does not count (the decider refuses new ones).
 */
export function endOfCommitmentItems(plan: PlanFact, asOf: IsoDate, ruleSet: ObligationRuleSet): Item[] {
  return active(plan).flatMap((c): Item[] => {
    const completion = completionDateOf(c);
    if (completion.on > asOf) return [];
    const deadline = addMonths(completion.knownOn, ruleSet.endOfCommitment.withinMonthsOfCompletion);
    const recorded = c.endAssessment;
    const assessment = recorded !== null && recorded.assessedOn >= completion.on ? recorded : null;
    const status = byDeadline(assessment?.on ?? null, deadline, asOf);
    const eventIds = assessment ? [assessment.eventId] : recorded ? [recorded.eventId, ...completion.eventIds] : completion.eventIds;
    const assessed = assessment
      ? `assessed ${assessedWording(assessment)}`
      : recorded ? `assessed ${recorded.assessedOn}, before it ${completion.byPeriodEnd ? 'ended' : 'was complete'}` : 'not assessed';
    // Not every milestone Complete: the commitment ended with its period, it was not completed.
    const complete = completion.byPeriodEnd
      ? `ended on ${completion.on} (end of its period)`
      : `complete on ${completion.on}${completion.knownOn !== completion.on ? ` (reported ${completion.knownOn})` : ''}`;
    return [{ status, eventIds, detail: `${commitmentLabel(c)}: ${complete}, ${assessed}; due by ${deadline}` }];
  });
}
