// GetEntityHistory: every event of one entity's stream, with who, when, why and its hash (the audit trail).
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { entityHistory, entityStream, type AuditEntry, type EntityKind } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { EntityNotFoundError } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

export interface HistoryOptions extends ReadOptions {
  readonly fromRevision?: number;
  readonly limit?: number;
}

export class GetEntityHistory extends Query<ReadResult<AuditEntry[]>> {
  constructor(
    readonly kind: EntityKind,
    readonly id: string,
    readonly options: HistoryOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetEntityHistory)
export class GetEntityHistoryHandler implements IQueryHandler<GetEntityHistory, ReadResult<AuditEntry[]>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ kind, id, options }: GetEntityHistory): Promise<ReadResult<AuditEntry[]>> {
    const stream = entityStream(kind, id);
    return readAfter(this.readModels, options.waitFor, () => {
      const entries = entityHistory(this.readModels.db, stream, options);
      if (entries.length === 0 && (options.fromRevision ?? 0) === 0) throw new EntityNotFoundError(stream, options.asOf);
      return entries;
    });
  }
}
