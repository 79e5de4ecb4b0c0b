// ListPublishedPlans: the public view — every action plan past Draft, with its member and progress.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { PlanProgress } from '@ogp/domain';
import { listEntities, planProgressOf, type EntityState } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { PositionCache } from '../read-models/position-cache';
import { readAfterCached, type ReadResult } from './read-result';

export interface PublishedPlan {
  readonly plan: EntityState;
  readonly progress: PlanProgress | null;
}

export class ListPublishedPlans extends Query<ReadResult<PublishedPlan[]>> {
  constructor(readonly memberId?: string) {
    super();
  }
}

/** Drafts are the city's work in progress; a plan is public from its submission on. */
const PUBLISHED = new Set(['Submitted', 'Implementing', 'Ended']);

@QueryHandler(ListPublishedPlans)
export class ListPublishedPlansHandler implements IQueryHandler<ListPublishedPlans, ReadResult<PublishedPlan[]>> {
  /** By member ('' for all): the public page is read far more often than the read models move. */
  private readonly answers = new PositionCache<PublishedPlan[]>();

  constructor(private readonly readModels: ReadModels) {}

  async execute({ memberId }: ListPublishedPlans): Promise<ReadResult<PublishedPlan[]>> {
    return (await readAfterCached(this.readModels, undefined, this.answers, memberId ?? '', () => this.list(memberId)))!;
  }

  private list(memberId: string | undefined): PublishedPlan[] {
    return listEntities(this.readModels.db, { kind: 'plan', memberId })
      .filter((plan) => plan.status !== null && PUBLISHED.has(plan.status))
      .map((plan) => ({ plan, progress: planProgressOf(this.readModels.db, plan.entityId)?.progress ?? null }));
  }
}
