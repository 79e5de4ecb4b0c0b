// GetDiff: what changed between two instants of recording — which entities, by which events, who and why.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { diffBetween, memberStreams, type ReadModelDiff } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

export class GetDiff extends Query<ReadResult<ReadModelDiff>> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly options: ReadOptions & { readonly memberId?: string; readonly limit?: number } = {},
  ) {
    super();
  }
}

@QueryHandler(GetDiff)
export class GetDiffHandler implements IQueryHandler<GetDiff, ReadResult<ReadModelDiff>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ from, to, options }: GetDiff): Promise<ReadResult<ReadModelDiff>> {
    return readAfter(this.readModels, options.waitFor, () => {
      const db = this.readModels.db;
      const streams = options.memberId === undefined ? undefined : memberStreams(db, options.memberId);
      return diffBetween(db, from, to, { streams, limit: options.limit });
    });
  }
}
