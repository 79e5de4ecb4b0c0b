// GetEntity: one member, plan or commitment as it stands now or as the system knew it at an instant.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { entityAsOf, entityStream, type EntityKind, type EntityState, stateAsOf } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { entityNotFound } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult, waitForOwnWrite } from './read-result';

export class GetEntity extends Query<ReadResult<EntityState>> {
  constructor(
    readonly kind: EntityKind,
    readonly id: string,
    readonly options: ReadOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetEntity)
export class GetEntityHandler implements IQueryHandler<GetEntity, ReadResult<EntityState>> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ kind, id, options }: GetEntity): Promise<ReadResult<EntityState>> {
    const stream = entityStream(kind, id);
    const { asOf, waitFor } = options;
    if (asOf === undefined) {
      await waitForOwnWrite(this.readModels, waitFor);
      return this.readModels.currentEntity(stream) ?? entityNotFound(stream);
    }
    return readAfter(
      this.readModels,
      waitFor,
      () => stateAsOf(this.readModels.db, this.readModels.model, stream, entityAsOf(this.readModels.db, stream, asOf)) ?? entityNotFound(stream, asOf),
    );
  }
}
