// A commitment's state: terms, milestones, claims (with their review) and assessments (plain JSON; null until added).
import type { IsoDate } from '../shared/dates';
import type { Evidence } from '../shared/evidence';
import type { ClaimedCompletion, ClaimReviewStatus, CompletionLevel, DidItOpenGovernmentOrNa, EntityStatus, OgpValue, PotentialForResults, Relevance, Verifiability } from '../shared/scales';
import type { CommitmentTerms } from './terms';

export interface Milestone {
  readonly milestoneId: string;
  readonly title: string;
  readonly startDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly status: EntityStatus;
}

export interface ProgressClaim {
  readonly claimId: string;
  readonly milestoneId: string;
  readonly version: number;
  readonly completion: ClaimedCompletion;
  readonly asOf: IsoDate;
  readonly narrative: string;
  readonly evidence: readonly Evidence[];
  readonly claimedBy: string;
  readonly late: boolean;
  /** Review of the current version; a new version starts again at `Submitted`. */
  readonly review: { readonly status: ClaimReviewStatus; readonly reviewerId: string | null; readonly reason: string | null };
}

export interface DesignAssessment {
  readonly assessedOn: IsoDate;
  readonly reviewerId: string;
  readonly verifiability: Verifiability;
  readonly relevance: Readonly<Record<OgpValue, Relevance>>;
  readonly potentialForResults: PotentialForResults;
}

export interface EndOfCommitmentAssessment {
  readonly assessedOn: IsoDate;
  readonly reviewerId: string;
  readonly completion: CompletionLevel;
  readonly didItOpenGovernment: Readonly<Record<OgpValue, DidItOpenGovernmentOrNa>>;
  readonly evidence: readonly Evidence[];
}

export interface Commitment {
  readonly commitmentId: string;
  readonly memberId: string;
  readonly planId: string;
  readonly terms: CommitmentTerms;
  readonly status: EntityStatus;
  readonly planRevision: boolean;
  /** In the order they were added. */
  readonly milestones: readonly Milestone[];
  /** In the order they were first reported. */
  readonly claims: readonly ProgressClaim[];
  readonly design: DesignAssessment | null;
  readonly endOfCommitment: EndOfCommitmentAssessment | null;
}

export type CommitmentState = Commitment | null;
