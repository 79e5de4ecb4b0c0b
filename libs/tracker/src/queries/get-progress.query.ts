// GetPlanProgress / GetCommitmentProgress: the domain's roll-up (milestones -> commitment -> plan), now or as of.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { CommitmentProgress } from '@ogp/domain';
import { commitmentProgressOf, planProgressOf, type PlanProgressView } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { EntityNotFoundError } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

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
  constructor(private readonly readModels: ReadModels) {}

  execute({ planId, options }: GetPlanProgress): Promise<ReadResult<PlanProgressView>> {
    return readAfter(this.readModels, options.waitFor, () => {
      const progress = planProgressOf(this.readModels.db, planId, options.asOf);
      if (progress === null) throw new EntityNotFoundError(`plan-${planId}`, options.asOf);
      return progress;
    });
  }
}

export class GetCommitmentProgress extends Query<ReadResult<CommitmentProgress>> {
  constructor(
    readonly commitmentId: string,
    readonly options: ReadOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetCommitmentProgress)
export class GetCommitmentProgressHandler implements IQueryHandler<GetCommitmentProgress, ReadResult<CommitmentProgress>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ commitmentId, options }: GetCommitmentProgress): Promise<ReadResult<CommitmentProgress>> {
    return readAfter(this.readModels, options.waitFor, () => {
      const progress = commitmentProgressOf(this.readModels.db, commitmentId, options.asOf);
      if (progress === null) throw new EntityNotFoundError(`commitment-${commitmentId}`, options.asOf);
      return progress;
    });
  }
}
