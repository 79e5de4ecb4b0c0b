// GetPlanProgress / GetCommitmentProgress: the domain's roll-up (milestones -> commitment -> plan), now or as of.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CommitmentProgressView, commitmentProgressOf, planProgressOf, type PlanProgressView } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { PositionCache } from '../read-models/position-cache';
import { entityNotFound } from './entity-not-found.error';
import { readAfterCached, type ReadOptions, type ReadResult } from './read-result';

/** The cache key of a roll-up: the entity and the instant it is read as of (the roll-up reads no clock). */
const keyOf = (id: string, asOf: string | undefined): string => JSON.stringify([id, asOf ?? null]);

export class GetPlanProgress extends Query<ReadResult<PlanProgressView>> {
  constructor(
    readonly planId: string,
    readonly options: ReadOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetPlanProgress)
export class GetPlanProgressHandler implements IQueryHandler<GetPlanProgress, ReadResult<PlanProgressView>> {
  private readonly answers = new PositionCache<PlanProgressView>();

  constructor(private readonly readModels: ReadModels) {}

  async execute({ planId, options }: GetPlanProgress): Promise<ReadResult<PlanProgressView>> {
    const read = () => planProgressOf(this.readModels.db, planId, options.asOf);
    return (
      (await readAfterCached(this.readModels, options.waitFor, this.answers, keyOf(planId, options.asOf), read)) ??
      entityNotFound(`plan-${planId}`, options.asOf)
    );
  }
}

export class GetCommitmentProgress extends Query<ReadResult<CommitmentProgressView>> {
  constructor(
    readonly commitmentId: string,
    readonly options: ReadOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetCommitmentProgress)
export class GetCommitmentProgressHandler implements IQueryHandler<GetCommitmentProgress, ReadResult<CommitmentProgressView>> {
  private readonly answers = new PositionCache<CommitmentProgressView>();

  constructor(private readonly readModels: ReadModels) {}

  async execute({ commitmentId, options }: GetCommitmentProgress): Promise<ReadResult<CommitmentProgressView>> {
    const read = () => commitmentProgressOf(this.readModels.db, commitmentId, options.asOf);
    return (
      (await readAfterCached(this.readModels, options.waitFor, this.answers, keyOf(commitmentId, options.asOf), read)) ??
      entityNotFound(`commitment-${commitmentId}`, options.asOf)
    );
  }
}
