// An action plan's state as its events build it (plain JSON; null until drafted).
import type { IsoDate, IsoInstant, IsoMonth } from '../shared/dates';
import type { PlanStatus } from '../shared/scales';

export interface ActionPlan {
  readonly planId: string;
  readonly memberId: string;
  readonly title: string;
  readonly periodStart: IsoMonth;
  readonly periodEnd: IsoMonth;
  readonly status: PlanStatus;
  /** `statementUrl` is absent in states stored before it was kept (read as none). */
  readonly endorsement: { readonly endorsedOn: IsoDate; readonly endorsedBy: readonly string[]; readonly statementUrl?: string | null } | null;
  readonly submittedOn: IsoDate | null;
  readonly inceptionAssessedOn: IsoDate | null;
  readonly startedOn: IsoDate | null;
  readonly endedOn: IsoDate | null;
  /** When the draft was abandoned, and why; null unless Abandoned. */
  readonly abandonment: { readonly at: IsoInstant; readonly reason: string } | null;
}

export type PlanState = ActionPlan | null;
