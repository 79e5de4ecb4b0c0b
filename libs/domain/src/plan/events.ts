// Events of an action plan's stream; `effectiveAt` is the business date (endorsement, submission, ...).
import type { IsoDate, IsoInstant, IsoMonth } from '../shared/dates';

export interface ActionPlanDrafted {
  readonly type: 'ActionPlanDrafted';
  readonly data: { readonly planId: string; readonly memberId: string; readonly title: string; readonly periodStart: IsoMonth; readonly periodEnd: IsoMonth; readonly effectiveAt: IsoInstant };
}

export interface ActionPlanEndorsed {
  readonly type: 'ActionPlanEndorsed';
  readonly data: { readonly planId: string; readonly endorsedBy: readonly string[]; readonly statementUrl: string | null; readonly effectiveAt: IsoDate };
}

/** `effectiveAt` is the corrected endorsement date; `previous` what the endorsement said before. */
export interface EndorsementCorrected {
  readonly type: 'EndorsementCorrected';
  readonly data: {
    readonly planId: string;
    readonly endorsedBy: readonly string[];
    readonly statementUrl: string | null;
    readonly previous: { readonly endorsedOn: IsoDate; readonly endorsedBy: readonly string[]; readonly statementUrl: string | null };
    readonly reason: string;
    readonly effectiveAt: IsoDate;
  };
}

export interface ActionPlanSubmitted {
  readonly type: 'ActionPlanSubmitted';
  /** `endorsed` says whether civil society had endorsed the plan when it was submitted. */
  readonly data: { readonly planId: string; readonly endorsed: boolean; readonly effectiveAt: IsoDate };
}

export interface InceptionAssessmentRecorded {
  readonly type: 'InceptionAssessmentRecorded';
  readonly data: { readonly planId: string; readonly reviewerId: string; readonly reportUrl: string; readonly summary: string; readonly effectiveAt: IsoDate };
}

export interface ImplementationStarted {
  readonly type: 'ImplementationStarted';
  readonly data: { readonly planId: string; readonly effectiveAt: IsoDate };
}

export interface ActionPlanEnded {
  readonly type: 'ActionPlanEnded';
  readonly data: { readonly planId: string; readonly effectiveAt: IsoDate };
}

/** A draft given up before submission (drafted by mistake, or replaced by another draft); `effectiveAt` is when it was recorded. */
export interface ActionPlanAbandoned {
  readonly type: 'ActionPlanAbandoned';
  readonly data: { readonly planId: string; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export type PlanEvent = ActionPlanDrafted | ActionPlanEndorsed | EndorsementCorrected | ActionPlanSubmitted | InceptionAssessmentRecorded | ImplementationStarted | ActionPlanEnded | ActionPlanAbandoned;
