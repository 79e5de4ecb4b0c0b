// GetPlanProgress / GetCommitmentProgress: the domain's roll-up (milestones -> commitment -> plan), now or as of.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CommitmentProgressView, commitmentProgressOf, entityAsOf, planProgressOf, type PlanProgressView, type ReadModelDb } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { PositionCache } from '../read-models/position-cache';
import { entityNotFound } from './entity-not-found.error';
import { readAfterCached, type ReadOptions, type ReadResult } from './read-result';

/** The cache key of a roll-up: the entity and the instant it is read as of (the roll-up reads no clock). */
const keyOf = (id: string, asOf: string | undefined): string => JSON.stringify([id, asOf ?? null]);

/** A bare date is a day of the entity's member (see entityAsOf). */
const asOfFor = (db: ReadModelDb, stream: string, asOf: string | undefined): string | undefined => (asOf === undefined ? undefined : entityAsOf(db, stream, asOf));

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
    const db = this.readModels.db;
    const read = () => planProgressOf(db, planId, asOfFor(db, `plan-${planId}`, options.asOf));
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
    const db = this.readModels.db;
    const read = () => commitmentProgressOf(db, commitmentId, asOfFor(db, `commitment-${commitmentId}`, options.asOf));
    return (
      (await readAfterCached(this.readModels, options.waitFor, this.answers, keyOf(commitmentId, options.asOf), read)) ??
      entityNotFound(`commitment-${commitmentId}`, options.asOf)
    );
  }
}
