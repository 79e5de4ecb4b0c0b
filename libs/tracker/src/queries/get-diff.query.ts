// GetDiff: what changed between two instants of recording — which entities, by which events, who and why.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { MemberState } from '@ogp/domain';
import { currentState, diffBetween, memberStreams, type ReadModelDiff } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

/** Bare dates are days of the member's time zone when the diff names a member, else of UTC (see diffWindow). */
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
      if (options.memberId === undefined) return diffBetween(db, from, to, { limit: options.limit });
      // A member's day is a day in its time zone (its current one), as for its compliance; unknown: UTC's.
      const member = currentState(db, `member-${options.memberId}`)?.state as MemberState | undefined;
      return diffBetween(db, from, to, { streams: memberStreams(db, options.memberId), limit: options.limit, timeZone: member?.timeZone });
    });
  }
}
