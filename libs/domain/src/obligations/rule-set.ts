// OGP Local obligations as data: which ones apply and their deadlines and gaps, versioned per programme edition.

export const OBLIGATION_IDS = ['forum', 'endorsement', 'website', 'inception', 'milestone-reporting', 'evidence', 'verification', 'end-of-commitment'] as const;
export type ObligationId = (typeof OBLIGATION_IDS)[number];

export const OBLIGATION_STATUSES = ['met', 'due', 'overdue', 'not met', 'not applicable'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export interface ObligationRuleSet {
  /** Stable id of the rule set; results name it so that a change of rules is visible. */
  readonly id: string;
  readonly version: number;
  readonly obligations: readonly ObligationId[];
  /** The forum meets at least this often (months between meetings, counted from registration). */
  readonly forum: { readonly maxGapMonths: number };
  /** Public OGP information is updated at least this often (months, counted from registration). */
  readonly website: { readonly maxGapMonths: number };
  /** Inception assessment within this many months of submission. */
  readonly inception: { readonly withinMonthsOfSubmission: number };
  /** A milestone's first progress claim is recorded by its due date plus this grace. */
  readonly milestoneReporting: { readonly graceDays: number };
  /** Evidence a reviewer asks for is supplied (as a new claim version) within this many days. */
  readonly evidence: { readonly supplyRequestedWithinDays: number };
  /** A Complete claim is verified or disputed within this many days of being recorded. */
  readonly verification: { readonly withinDays: number };
  /** End-of-commitment assessment within this many months of the commitment's completion. */
  readonly endOfCommitment: { readonly withinMonthsOfCompletion: number };
}

/**
 * OGP Local as of the 2024 handbook. The 4-month website rule, 2-month inception and 1-month end-of-commitment
 * deadlines follow DESIGN.md's table; the forum gap, reporting grace and review windows are our defaults
 * (OGP names no number for them) and are meant to be tuned per installation by a new rule-set version.
 */
export const OGP_LOCAL_2024: ObligationRuleSet = {
  id: 'ogp-local-2024',
  version: 1,
  obligations: OBLIGATION_IDS,
  forum: { maxGapMonths: 6 },
  website: { maxGapMonths: 4 },
  inception: { withinMonthsOfSubmission: 2 },
  milestoneReporting: { graceDays: 14 },
  evidence: { supplyRequestedWithinDays: 30 },
  verification: { withinDays: 60 },
  endOfCommitment: { withinMonthsOfCompletion: 1 },
};

export const DEFAULT_RULE_SET = OGP_LOCAL_2024;

export interface ObligationResult {
  readonly obligation: ObligationId;
  readonly status: ObligationStatus;
  /** Ids of the events that satisfy the obligation (met) or that the violation or pending deadline is about. */
  readonly eventIds: readonly string[];
  readonly detail: string;
  /** The plan the result is about; null for member-wide obligations (forum, website). */
  readonly planId: string | null;
  readonly ruleSet: string;
}
