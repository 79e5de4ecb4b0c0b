// GetEntity: one member, plan or commitment as it stands now or as the system knew it at an instant.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { entityState, entityStream, type EntityKind, type EntityState } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { EntityNotFoundError } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

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

  execute({ kind, id, options }: GetEntity): Promise<ReadResult<EntityState>> {
    const stream = entityStream(kind, id);
    return readAfter(this.readModels, options.waitFor, () => {
      const found = entityState(this.readModels.db, this.readModels.model, stream, options.asOf);
      if (found === null) throw new EntityNotFoundError(stream, options.asOf);
      return found;
    });
  }
}
