// GetMemberPlans: a member's action plans with their commitments, by name: what an admin looks a generated id up in.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { byOgpIdThenTitle, type ActionPlan, type Commitment } from '@ogp/domain';
import { currentState, listEntities, listEntitiesWithoutClaims } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { EntityNotFoundError } from './entity-not-found.error';
import { readAfter, type ReadResult } from './read-result';

export interface CommitmentListing {
  readonly commitmentId: string;
  readonly ogpId: string | null;
  readonly title: string;
  readonly status: string;
}

export interface PlanListing {
  readonly planId: string;
  readonly title: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly status: string;
  readonly commitments: readonly CommitmentListing[];
}

export interface MemberPlans {
  readonly memberId: string;
  readonly plans: readonly PlanListing[];
}

export class GetMemberPlans extends Query<ReadResult<MemberPlans>> {
  constructor(
    readonly memberId: string,
    /** A position a client got back from its own command: the read waits until the read models reflect it. */
    readonly waitFor?: string,
  ) {
    super();
  }
}

/**
 * Current state only. A member has a plan every two years or so, each with a few dozen commitments: one answer
 * holds them all, unpaged. Commitments are read without their claims, which a listing does not show.
 */
@QueryHandler(GetMemberPlans)
export class GetMemberPlansHandler implements IQueryHandler<GetMemberPlans, ReadResult<MemberPlans>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ memberId, waitFor }: GetMemberPlans): Promise<ReadResult<MemberPlans>> {
    return readAfter(this.readModels, waitFor, () => {
      const db = this.readModels.db;
      const stream = `member-${memberId}`;
      if (currentState(db, stream) === null) throw new EntityNotFoundError(stream);
      const commitments = new Map<string, CommitmentListing[]>();
      for (const { state } of listEntitiesWithoutClaims(db, { kind: 'commitment', memberId })) {
        const c = state as Commitment;
        const listing = { commitmentId: c.commitmentId, ogpId: c.terms.ogpId, title: c.terms.title, status: c.status };
        commitments.set(c.planId, [...(commitments.get(c.planId) ?? []), listing]);
      }
      const plans = listEntities(db, { kind: 'plan', memberId })
        .map(({ state }) => state as ActionPlan)
        .map((p): PlanListing => ({
          planId: p.planId,
          title: p.title,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          status: p.status,
          commitments: (commitments.get(p.planId) ?? []).sort(byOgpIdThenTitle),
        }))
        .sort(byPeriodThenTitle);
      return { memberId, plans };
    });
  }
}

/** The plans in the order of their periods, as a member's history of plans reads. */
function byPeriodThenTitle(a: PlanListing, b: PlanListing): number {
  return a.periodStart.localeCompare(b.periodStart) || a.title.localeCompare(b.title) || a.planId.localeCompare(b.planId);
}
