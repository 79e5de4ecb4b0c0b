// OGP's own names for statuses and scales (glossary and IRM handbooks); these strings are stored, never renamed.

export const MEMBER_STATUSES = ['Active', 'Under Procedural Review', 'Inactive', 'Suspended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** `Abandoned`: a draft given up before submission (ours; OGP names no status for it). */
export const PLAN_STATUSES = ['Draft', 'Submitted', 'Implementing', 'Ended', 'Abandoned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const OGP_VALUES = [
  'Access to Information',
  'Civic Participation',
  'Public Accountability',
  'Technology and Innovation for Transparency and Accountability',
] as const;
export type OgpValue = (typeof OGP_VALUES)[number];

export const COMPLETION_LEVELS = ['No Evidence Available', 'Not Started', 'Limited', 'Substantial', 'Complete', 'Withdrawn'] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];

/** What a city may claim for a milestone; `Withdrawn` is reached by withdrawing, `No Evidence Available` is a reviewer's finding. */
export const CLAIMABLE_COMPLETION = ['Not Started', 'Limited', 'Substantial', 'Complete'] as const;
export type ClaimedCompletion = (typeof CLAIMABLE_COMPLETION)[number];
/** Claims at these levels must carry evidence. */
export const EVIDENCE_REQUIRED_FOR: readonly ClaimedCompletion[] = ['Substantial', 'Complete'];

export const VERIFIABILITY = ['Verifiable', 'Not verifiable'] as const;
export type Verifiability = (typeof VERIFIABILITY)[number];

export const RELEVANCE = ['Relevant', 'Not Relevant'] as const;
export type Relevance = (typeof RELEVANCE)[number];

export const POTENTIAL_FOR_RESULTS = ['Unclear', 'Modest', 'Substantial'] as const;
export type PotentialForResults = (typeof POTENTIAL_FOR_RESULTS)[number];

export const DID_IT_OPEN_GOVERNMENT = ['Worsened', 'Did not change', 'Marginal', 'Major', 'Outstanding'] as const;
export type DidItOpenGovernment = (typeof DID_IT_OPEN_GOVERNMENT)[number];
export const NOT_APPLICABLE = 'Not Applicable';
export type DidItOpenGovernmentOrNa = DidItOpenGovernment | typeof NOT_APPLICABLE;

export const CLAIM_REVIEW_STATUSES = ['Submitted', 'Verified', 'Disputed', 'Evidence Requested'] as const;
export type ClaimReviewStatus = (typeof CLAIM_REVIEW_STATUSES)[number];

export const ENTITY_STATUSES = ['Active', 'Withdrawn'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

export function isOneOf<T extends string>(scale: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (scale as readonly string[]).includes(value);
}
