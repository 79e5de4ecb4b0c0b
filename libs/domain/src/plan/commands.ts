// Commands to an action plan's stream (plan-<planId>): its lifecycle Draft -> Submitted -> Implementing -> Ended,
// or Draft -> Abandoned.
import type { IsoDate, IsoMonth } from '../shared/dates';

export interface DraftActionPlan {
  readonly type: 'DraftActionPlan';
  readonly data: { readonly planId: string; readonly memberId: string; readonly title: string; readonly periodStart: IsoMonth; readonly periodEnd: IsoMonth };
}

/** Civil society's endorsement of the draft plan, which OGP Local expects before submission. */
export interface EndorseActionPlan {
  readonly type: 'EndorseActionPlan';
  readonly data: { readonly planId: string; readonly endorsedOn: IsoDate; readonly endorsedBy: readonly string[]; readonly statementUrl: string | null };
}

/**
 * An endorsement recorded with a wrong date or names, corrected with a reason (old and new values stay in history).
 * The 'endorsement' obligation treats the correction as it treats a late entry: entered on a later day than the
 * submission, it counts from the day it was entered.
 */
export interface CorrectEndorsement {
  readonly type: 'CorrectEndorsement';
  /** `statementUrl` left out keeps the statement recorded; null removes it. */
  readonly data: { readonly planId: string; readonly endorsedOn: IsoDate; readonly endorsedBy: readonly string[]; readonly statementUrl?: string | null; readonly reason: string };
}

export interface SubmitActionPlan {
  readonly type: 'SubmitActionPlan';
  readonly data: { readonly planId: string; readonly submittedOn: IsoDate };
}

/** Issued by a reviewer (OGP Support Unit): the inception assessment of a submitted plan. */
export interface RecordInceptionAssessment {
  readonly type: 'RecordInceptionAssessment';
  readonly data: { readonly planId: string; readonly assessedOn: IsoDate; readonly reportUrl: string; readonly summary: string };
}

export interface StartImplementation {
  readonly type: 'StartImplementation';
  readonly data: { readonly planId: string; readonly startedOn: IsoDate };
}

export interface EndActionPlan {
  readonly type: 'EndActionPlan';
  readonly data: { readonly planId: string; readonly endedOn: IsoDate };
}

/**
 * Gives up a draft (drafted by mistake, or replaced by another draft): it stays in history, but no OGP Local
 * obligation applies to it any more and its commitments no longer change. A submitted plan is not abandoned: OGP has it.
 */
export interface AbandonActionPlan {
  readonly type: 'AbandonActionPlan';
  readonly data: { readonly planId: string; readonly reason: string };
}

export type PlanCommand = DraftActionPlan | EndorseActionPlan | CorrectEndorsement | SubmitActionPlan | RecordInceptionAssessment | StartImplementation | EndActionPlan | AbandonActionPlan;
