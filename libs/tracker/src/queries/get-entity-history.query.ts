// GetEntityHistory: every event of one entity's stream, with who, when, why and its hash (the audit trail).
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { entityAsOf, entityHistory, entityStream, streamRevisionAsOf, type AuditEntry, type EntityKind } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { EntityNotFoundError } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

export interface HistoryOptions extends ReadOptions {
  readonly fromRevision?: number;
  readonly limit?: number;
}

/** The history read, and the stream revision it reflects (the ETag): the last one as of the read, whatever the page. */
export interface EntityHistory {
  readonly result: ReadResult<AuditEntry[]>;
  readonly revision: bigint;
}

export class GetEntityHistory extends Query<EntityHistory> {
  constructor(
    readonly kind: EntityKind,
    readonly id: string,
    readonly options: HistoryOptions = {},
  ) {
    super();
  }
}

@QueryHandler(GetEntityHistory)
export class GetEntityHistoryHandler implements IQueryHandler<GetEntityHistory, EntityHistory> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ kind, id, options }: GetEntityHistory): Promise<EntityHistory> {
    const stream = entityStream(kind, id);
    let revision: bigint | null = null;
    const db = this.readModels.db;
    const result = await readAfter(this.readModels, options.waitFor, () =>
      // One read transaction, as for an entity's state: the revision and the page agree, whatever another
      // connection to the file commits between the two statements.
      db.transaction(() => {
        const asOf = options.asOf === undefined ? undefined : entityAsOf(db, stream, options.asOf);
        revision = streamRevisionAsOf(db, stream, asOf);
        if (revision === null) throw new EntityNotFoundError(stream, options.asOf);
        return entityHistory(db, stream, { ...options, asOf });
      })(),
    );
    return { result, revision: revision! };
  }
}
