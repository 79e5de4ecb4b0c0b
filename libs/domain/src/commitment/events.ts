// Events of a commitment's stream. `effectiveAt` is business time; people named here are part of the fact itself.
import type { IsoDate, IsoInstant } from '../shared/dates';
import type { Evidence } from '../shared/evidence';
import type { ClaimedCompletion, CompletionLevel, DidItOpenGovernmentOrNa, OgpValue, PotentialForResults, Relevance, Verifiability } from '../shared/scales';
import type { CommitmentTerms } from './terms';

export interface CommitmentAdded {
  readonly type: 'CommitmentAdded';
  /** `planRevision`: added after the plan was submitted, as a revision of the plan (with `reason`). */
  readonly data: CommitmentTerms & { readonly commitmentId: string; readonly planId: string; readonly memberId: string; readonly planRevision: boolean; readonly reason: string | null; readonly effectiveAt: IsoInstant };
}

export interface CommitmentRevised {
  readonly type: 'CommitmentRevised';
  /** Old and new values of the changed fields only. */
  readonly data: { readonly commitmentId: string; readonly before: Partial<CommitmentTerms>; readonly after: Partial<CommitmentTerms>; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export interface CommitmentWithdrawn {
  readonly type: 'CommitmentWithdrawn';
  readonly data: { readonly commitmentId: string; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export interface MilestoneAdded {
  readonly type: 'MilestoneAdded';
  readonly data: { readonly commitmentId: string; readonly milestoneId: string; readonly title: string; readonly startDate: IsoDate; readonly dueDate: IsoDate; readonly effectiveAt: IsoInstant };
}

export interface MilestoneRescheduled {
  readonly type: 'MilestoneRescheduled';
  readonly data: {
    readonly commitmentId: string;
    readonly milestoneId: string;
    readonly previous: { readonly startDate: IsoDate; readonly dueDate: IsoDate };
    readonly startDate: IsoDate;
    readonly dueDate: IsoDate;
    readonly reason: string;
    readonly effectiveAt: IsoInstant;
  };
}

export interface MilestoneWithdrawn {
  readonly type: 'MilestoneWithdrawn';
  readonly data: { readonly commitmentId: string; readonly milestoneId: string; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export interface ProgressReported {
  readonly type: 'ProgressReported';
  readonly data: {
    readonly commitmentId: string;
    readonly milestoneId: string;
    readonly claimId: string;
    /** 1 for a new claim, +1 for each amendment. */
    readonly version: number;
    readonly completion: ClaimedCompletion;
    readonly narrative: string;
    readonly evidence: readonly Evidence[];
    /** Who made the claim (so that they cannot review it). */
    readonly claimedBy: string;
    /** Reported after the plan ended: accepted, but marked late. */
    readonly late: boolean;
    /** The claim's as-of date. */
    readonly effectiveAt: IsoDate;
  };
}

export interface ClaimVerified {
  readonly type: 'ClaimVerified';
  readonly data: { readonly commitmentId: string; readonly claimId: string; readonly version: number; readonly reviewerId: string; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export interface ClaimDisputed {
  readonly type: 'ClaimDisputed';
  readonly data: { readonly commitmentId: string; readonly claimId: string; readonly version: number; readonly reviewerId: string; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export interface EvidenceRequested {
  readonly type: 'EvidenceRequested';
  readonly data: { readonly commitmentId: string; readonly claimId: string; readonly version: number; readonly reviewerId: string; readonly request: string; readonly effectiveAt: IsoInstant };
}

export interface DesignAssessed {
  readonly type: 'DesignAssessed';
  readonly data: {
    readonly commitmentId: string;
    readonly reviewerId: string;
    readonly verifiability: Verifiability;
    readonly relevance: Readonly<Record<OgpValue, Relevance>>;
    readonly potentialForResults: PotentialForResults;
    readonly effectiveAt: IsoDate;
  };
}

export interface EndOfCommitmentAssessed {
  readonly type: 'EndOfCommitmentAssessed';
  readonly data: {
    readonly commitmentId: string;
    readonly reviewerId: string;
    readonly completion: CompletionLevel;
    readonly didItOpenGovernment: Readonly<Record<OgpValue, DidItOpenGovernmentOrNa>>;
    readonly evidence: readonly Evidence[];
    readonly effectiveAt: IsoDate;
  };
}

export type CommitmentEvent =
  | CommitmentAdded
  | CommitmentRevised
  | CommitmentWithdrawn
  | MilestoneAdded
  | MilestoneRescheduled
  | MilestoneWithdrawn
  | ProgressReported
  | ClaimVerified
  | ClaimDisputed
  | EvidenceRequested
  | DesignAssessed
  | EndOfCommitmentAssessed;
