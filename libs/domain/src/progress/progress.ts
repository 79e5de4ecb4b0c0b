// Progress roll-up: milestone completion -> commitment progress -> plan progress, from domain states only.
import type { Commitment, Milestone, ProgressClaim } from '../commitment/state';
import type { IsoDate } from '../shared/dates';
import type { ClaimedCompletion, ClaimReviewStatus, CompletionLevel } from '../shared/scales';

/**
 * The formula (also in the README):
 * - a milestone's completion is that of its latest claim (by as-of date, then by reporting order) that has not
 *   been disputed; a milestone with no such claim has `No Evidence Available`;
 * - scores: Not Started 0, Limited 1/3, Substantial 2/3, Complete 1, No Evidence Available 0;
 * - a commitment's progress is the mean score of its active milestones (withdrawn ones do not count); a
 *   commitment without active milestones scores 0;
 * - a plan's progress is the mean progress of its active commitments (each weighs the same, whatever its
 *   number of milestones); withdrawn commitments do not count;
 * - a ratio maps back to OGP's scale as: 1 Complete, >= 2/3 Substantial, > 0 Limited, 0 Not Started (or
 *   No Evidence Available when nothing was claimed at all).
 */
export const COMPLETION_SCORES: Readonly<Record<ClaimedCompletion | 'No Evidence Available', number>> = {
  'No Evidence Available': 0,
  'Not Started': 0,
  Limited: 1 / 3,
  Substantial: 2 / 3,
  Complete: 1,
};

/**
 * What the city last said of a milestone and where OGP's review of it stands, disputed or not. It may differ from
 * the claim the completion comes from: a disputed claim does not count, yet a monitor must see that it was made.
 */
export interface LatestClaim {
  readonly claimId: string;
  readonly completion: ClaimedCompletion;
  readonly asOf: IsoDate;
  readonly reviewStatus: ClaimReviewStatus;
  /** Recorded after the plan ended: the public is who the mark is for. */
  readonly late: boolean;
}

export interface MilestoneProgress {
  readonly milestoneId: string;
  /** Named here so that a reader of the roll-up alone knows what the milestone is and when it is due. */
  readonly title: string;
  readonly dueDate: IsoDate;
  readonly completion: ClaimedCompletion | 'No Evidence Available';
  readonly score: number;
  /** The claim the completion comes from, and whether a reviewer has verified that version. */
  readonly claimId: string | null;
  readonly verified: boolean;
  /** The latest claim, disputed or not (null: none reported). */
  readonly latestClaim: LatestClaim | null;
}

export interface CommitmentProgress {
  readonly commitmentId: string;
  /** OGP's id (null until OGP assigns one) and the title: the commitment id alone is ours, often a UUID. */
  readonly ogpId: string | null;
  readonly title: string;
  readonly ratio: number;
  readonly level: CompletionLevel;
  readonly milestones: readonly MilestoneProgress[];
}

export interface PlanProgress {
  readonly ratio: number;
  readonly level: CompletionLevel;
  readonly commitments: readonly CommitmentProgress[];
}

/** The claim that speaks for a milestone now: the latest undisputed one. */
export function currentClaim(claims: readonly ProgressClaim[], milestoneId: string): ProgressClaim | null {
  return latestOf(claims, milestoneId, (claim) => claim.review.status !== 'Disputed');
}

/**
 * What the city last said of a milestone, disputed or not: the latest claim. When it is disputed, the roll-up falls
 * back to an earlier claim (currentClaim) or to No Evidence Available, and only this one tells that OGP disputed it.
 */
export function latestClaim(claims: readonly ProgressClaim[], milestoneId: string): ProgressClaim | null {
  return latestOf(claims, milestoneId, () => true);
}

/** The milestone's latest claim among those `counts` keeps: by as-of date, then by reporting order. */
function latestOf(claims: readonly ProgressClaim[], milestoneId: string, counts: (claim: ProgressClaim) => boolean): ProgressClaim | null {
  let latest: ProgressClaim | null = null;
  for (const claim of claims) {
    if (claim.milestoneId !== milestoneId || !counts(claim)) continue;
    if (latest === null || claim.asOf >= latest.asOf) latest = claim;
  }
  return latest;
}

export function milestoneProgress(milestone: Milestone, claims: readonly ProgressClaim[]): MilestoneProgress {
  const claim = currentClaim(claims, milestone.milestoneId);
  const completion = claim?.completion ?? 'No Evidence Available';
  const latest = latestClaim(claims, milestone.milestoneId);
  return {
    milestoneId: milestone.milestoneId,
    title: milestone.title,
    dueDate: milestone.dueDate,
    completion,
    score: shown(COMPLETION_SCORES[completion]),
    claimId: claim?.claimId ?? null,
    verified: claim?.review.status === 'Verified',
    latestClaim: latest === null ? null : { claimId: latest.claimId, completion: latest.completion, asOf: latest.asOf, reviewStatus: latest.review.status, late: latest.late },
  };
}

export function levelOf(ratio: number, anythingClaimed: boolean): CompletionLevel {
  if (ratio >= 1) return 'Complete';
  if (ratio >= 2 / 3 - 1e-9) return 'Substantial';
  if (ratio > 0) return 'Limited';
  return anythingClaimed ? 'Not Started' : 'No Evidence Available';
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Ratios and scores as answered: at most four decimals (2/3 reads 0.6667, four fifths 0.8, not 0.7999999999999999).
 * Levels, and the plan's mean, are reckoned on the exact values.
 */
const shown = (ratio: number): number => Math.round(ratio * 10_000) / 10_000;

/** A commitment's progress as answered, with its exact ratio for the plan's mean. */
function reckon(commitment: Commitment): { readonly progress: CommitmentProgress; readonly exact: number } {
  const milestones = commitment.milestones.filter((m) => m.status === 'Active').map((m) => milestoneProgress(m, commitment.claims));
  const named = { commitmentId: commitment.commitmentId, ogpId: commitment.terms.ogpId, title: commitment.terms.title };
  if (commitment.status === 'Withdrawn') return { progress: { ...named, ratio: 0, level: 'Withdrawn', milestones }, exact: 0 };
  const exact = mean(milestones.map((m) => COMPLETION_SCORES[m.completion]));
  return { progress: { ...named, ratio: shown(exact), level: levelOf(exact, milestones.some((m) => m.claimId !== null)), milestones }, exact };
}

export function commitmentProgress(commitment: Commitment): CommitmentProgress {
  return reckon(commitment).progress;
}

/** Commitments as OGP lists them: by OGP id (IDSMG0001, IDSMG0002, ...), those without one after them, by title. */
export function byOgpIdThenTitle(a: CommitmentListed, b: CommitmentListed): number {
  if (a.ogpId !== b.ogpId) return a.ogpId === null ? 1 : b.ogpId === null ? -1 : a.ogpId.localeCompare(b.ogpId);
  return a.title.localeCompare(b.title) || a.commitmentId.localeCompare(b.commitmentId);
}

export interface CommitmentListed {
  readonly commitmentId: string;
  readonly ogpId: string | null;
  readonly title: string;
}

/**
 * Plan progress from the states of the plan's commitments (pass all of them; withdrawn ones are left out of the
 * mean), its commitments in OGP's order (byOgpIdThenTitle), as the plan's other lists give them.
 */
export function planProgress(commitments: readonly Commitment[]): PlanProgress {
  const all = commitments.map(reckon).sort((a, b) => byOgpIdThenTitle(a.progress, b.progress));
  const counted = all.filter((c) => c.progress.level !== 'Withdrawn');
  const ratio = mean(counted.map((c) => c.exact));
  return { ratio: shown(ratio), level: levelOf(ratio, counted.some((c) => c.progress.level !== 'No Evidence Available')), commitments: all.map((c) => c.progress) };
}
