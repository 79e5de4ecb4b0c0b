// GetEventFeed: every domain event in the global order, a page at a time (cursor `after`).
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { globalFeed, type FeedPage, type FeedQuery } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

export class GetEventFeed extends Query<ReadResult<FeedPage>> {
  constructor(readonly options: FeedQuery & ReadOptions = {}) {
    super();
  }
}

@QueryHandler(GetEventFeed)
export class GetEventFeedHandler implements IQueryHandler<GetEventFeed, ReadResult<FeedPage>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ options }: GetEventFeed): Promise<ReadResult<FeedPage>> {
    return readAfter(this.readModels, options.waitFor, () => globalFeed(this.readModels.db, options));
  }
}
