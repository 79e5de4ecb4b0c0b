// Progress roll-up read on demand with the domain's own functions (milestone -> commitment -> plan), now or as of an
// instant of recording; the states come from the entity-state read model (current rows or as-of folds).
import { type Commitment, type CommitmentProgress, commitmentProgress, type PlanProgress, planProgress } from '@ogp/domain';
import { domainStateModel } from '../entity-state/domain-state-model';
import { type EntityState, entityState, entityStreams } from '../entity-state/entity-state.queries';
import { normalizeAsOf } from '../as-of';
import type { ReadModelDb } from '../projection';

export interface PlanProgressView {
  readonly planId: string;
  readonly asOf: string | null;
  readonly progress: PlanProgress;
}

function commitmentsOf(db: ReadModelDb, planId: string, asOf?: string): Commitment[] {
  // Commitments never change plan, so today's list of the plan's commitment streams covers every past instant too.
  const streams = entityStreams(db, { kind: 'commitment', planId });
  const states = streams.map((s) => entityState(db, domainStateModel, s, asOf)).filter((e): e is EntityState => e !== null);
  return states.map((e) => e.state as Commitment | null).filter((c): c is Commitment => c !== null);
}

/**
 * A plan's progress, or null when the plan is unknown (at that instant). The plan and its commitments are read in
 * one read transaction, so that the roll-up is of one batch of the read models even while the runner commits the
 * next (another connection, such as the CLI catching up beside a server, can commit between two statements).
 */
export function planProgressOf(db: ReadModelDb, planId: string, asOf?: string): PlanProgressView | null {
  return db.transaction(() => {
    const plan = entityState(db, domainStateModel, `plan-${planId}`, asOf);
    if (plan === null || plan.state === null) return null;
    return { planId, asOf: asOf === undefined ? null : normalizeAsOf(asOf), progress: planProgress(commitmentsOf(db, planId, asOf)) };
  })();
}

/** A commitment's progress, and the instant it reflects (null: now), as PlanProgressView gives a plan's. */
export type CommitmentProgressView = CommitmentProgress & { readonly asOf: string | null };

/** One commitment's progress (with its milestones'), or null when unknown (at that instant). */
export function commitmentProgressOf(db: ReadModelDb, commitmentId: string, asOf?: string): CommitmentProgressView | null {
  const found = entityState(db, domainStateModel, `commitment-${commitmentId}`, asOf);
  const state = (found?.state ?? null) as Commitment | null;
  return state === null ? null : { ...commitmentProgress(state), asOf: asOf === undefined ? null : normalizeAsOf(asOf) };
}

/** Progress of each of a member's plans, all read in one read transaction (see planProgressOf). */
export function memberProgressOf(db: ReadModelDb, memberId: string, asOf?: string): PlanProgressView[] {
  return db.transaction(() =>
    entityStreams(db, { kind: 'plan', memberId })
      .map((stream) => planProgressOf(db, stream.slice('plan-'.length), asOf))
      .filter((v): v is PlanProgressView => v !== null),
  )();
}
