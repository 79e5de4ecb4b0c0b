// Commands to a commitment's stream (commitment-<commitmentId>): terms, milestones, progress claims and reviews.
import type { IsoDate } from '../shared/dates';
import type { Evidence } from '../shared/evidence';
import type { ClaimedCompletion, CompletionLevel, DidItOpenGovernmentOrNa, OgpValue, PotentialForResults, Relevance, Verifiability } from '../shared/scales';
import type { CommitmentTerms } from './terms';

export interface AddCommitment {
  readonly type: 'AddCommitment';
  /** `reason` is required once the plan is no longer a Draft: adding then is a revision of the plan. */
  readonly data: CommitmentTerms & { readonly commitmentId: string; readonly planId: string; readonly reason?: string | null };
}

export interface ReviseCommitment {
  readonly type: 'ReviseCommitment';
  readonly data: { readonly commitmentId: string; readonly changes: Partial<CommitmentTerms>; readonly reason: string };
}

export interface WithdrawCommitment {
  readonly type: 'WithdrawCommitment';
  readonly data: { readonly commitmentId: string; readonly reason: string };
}

export interface AddMilestone {
  readonly type: 'AddMilestone';
  readonly data: { readonly commitmentId: string; readonly milestoneId: string; readonly title: string; readonly startDate: IsoDate; readonly dueDate: IsoDate };
}

export interface RescheduleMilestone {
  readonly type: 'RescheduleMilestone';
  readonly data: { readonly commitmentId: string; readonly milestoneId: string; readonly startDate: IsoDate; readonly dueDate: IsoDate; readonly reason: string };
}

export interface WithdrawMilestone {
  readonly type: 'WithdrawMilestone';
  readonly data: { readonly commitmentId: string; readonly milestoneId: string; readonly reason: string };
}

/** A progress claim; reporting again under an existing claimId makes a new version of that claim. */
export interface ReportProgress {
  readonly type: 'ReportProgress';
  readonly data: {
    readonly commitmentId: string;
    readonly claimId: string;
    readonly milestoneId: string;
    readonly completion: ClaimedCompletion;
    readonly asOf: IsoDate;
    readonly narrative: string;
    readonly evidence: readonly Evidence[];
    /** True: `claimId` must name an existing claim, of which this is a new version (a mistyped id is refused, not taken for a new claim). */
    readonly amends?: boolean;
  };
}

/** Reviews name the claim version they looked at, so that a review of an outdated version is refused. */
export interface VerifyClaim {
  readonly type: 'VerifyClaim';
  readonly data: { readonly commitmentId: string; readonly claimId: string; readonly version: number; readonly reason: string };
}

export interface DisputeClaim {
  readonly type: 'DisputeClaim';
  readonly data: { readonly commitmentId: string; readonly claimId: string; readonly version: number; readonly reason: string };
}

export interface RequestEvidence {
  readonly type: 'RequestEvidence';
  readonly data: { readonly commitmentId: string; readonly claimId: string; readonly version: number; readonly request: string };
}

export interface AssessDesign {
  readonly type: 'AssessDesign';
  readonly data: {
    readonly commitmentId: string;
    readonly assessedOn: IsoDate;
    readonly verifiability: Verifiability;
    readonly relevance: Readonly<Record<OgpValue, Relevance>>;
    readonly potentialForResults: PotentialForResults;
  };
}

export interface AssessEndOfCommitment {
  readonly type: 'AssessEndOfCommitment';
  readonly data: {
    readonly commitmentId: string;
    readonly assessedOn: IsoDate;
    readonly completion: CompletionLevel;
    readonly didItOpenGovernment: Readonly<Record<OgpValue, DidItOpenGovernmentOrNa>>;
    /** At most 3 items. */
    readonly evidence: readonly Evidence[];
  };
}

export type CommitmentCommand =
  | AddCommitment
  | ReviseCommitment
  | WithdrawCommitment
  | AddMilestone
  | RescheduleMilestone
  | WithdrawMilestone
  | ReportProgress
  | VerifyClaim
  | DisputeClaim
  | RequestEvidence
  | AssessDesign
  | AssessEndOfCommitment;
