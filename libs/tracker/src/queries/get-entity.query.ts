// GetEntity: one member, plan or commitment as it stands now or as the system knew it at an instant.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { entityAsOf, entityStream, type EntityKind, type EntityState, stateAsOf } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { entityNotFound } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult, waitForOwnWrite } from './read-result';

/**
 * An entity's state; a commitment's also names its plan's status at the same moment. A commitment's own status
 * says only whether it was withdrawn: one of an abandoned draft, or of an ended plan, reads Active on its own.
 */
export type EntityAnswer = EntityState & { readonly planStatus?: string | null };

export class GetEntity extends Query<ReadResult<EntityAnswer>> {
  constructor(
    readonly kind: EntityKind,
    readonly id: string,
    readonly options: ReadOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetEntity)
export class GetEntityHandler implements IQueryHandler<GetEntity, ReadResult<EntityAnswer>> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ kind, id, options }: GetEntity): Promise<ReadResult<EntityAnswer>> {
    const stream = entityStream(kind, id);
    const { asOf, waitFor } = options;
    if (asOf === undefined) {
      await waitForOwnWrite(this.readModels, waitFor);
      const current = this.readModels.currentEntity(stream) ?? entityNotFound(stream);
      return { ...current, data: withPlanStatus(current.data, (plan) => this.readModels.currentEntity(plan)?.data ?? null) };
    }
    return readAfter(this.readModels, waitFor, () => withPlanStatus(this.stateAsOf(stream, asOf) ?? entityNotFound(stream, asOf), (plan) => this.stateAsOf(plan, asOf)));
  }

  private stateAsOf(stream: string, asOf: string): EntityState | null {
    const { db, model } = this.readModels;
    return stateAsOf(db, model, stream, entityAsOf(db, stream, asOf));
  }
}

/** A commitment's state with its plan's status, the plan read by `planOf` as of the same moment as the commitment. */
function withPlanStatus(entity: EntityState, planOf: (stream: string) => EntityState | null): EntityAnswer {
  if (entity.kind !== 'commitment' || entity.planId === null) return entity;
  return { ...entity, planStatus: planOf(entityStream('plan', entity.planId))?.status ?? null };
}
