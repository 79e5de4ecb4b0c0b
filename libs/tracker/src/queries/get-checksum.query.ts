// GetReadModelChecksum: a deterministic checksum of a read model, live or rebuilt up to a past position.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { comparePositions, positionToString } from '@ogp/event-store';
import { checksum, type ReadModelChecksum, type ReadModelName } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { PositionBeyondLogError } from './position-beyond-log.error';
import type { ReadResult } from './read-result';

export class GetReadModelChecksum extends Query<ReadResult<ReadModelChecksum>> {
  constructor(
    readonly readModel: ReadModelName,
    /** "commit/prepare" or a decimal position; absent: the live read model as it stands. */
    readonly position?: string,
  ) {
    super();
  }
}

@QueryHandler(GetReadModelChecksum)
export class GetReadModelChecksumHandler implements IQueryHandler<GetReadModelChecksum, ReadResult<ReadModelChecksum>> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ readModel, position }: GetReadModelChecksum): Promise<ReadResult<ReadModelChecksum>> {
    const at = position === undefined ? undefined : this.readModels.parsePosition(position);
    if (at !== undefined) {
      // A position the log has not reached would silently give the head's checksum under a name it does not have.
      const head = await this.readModels.store.headPosition();
      if (head === null || comparePositions(at, head) > 0) throw new PositionBeyondLogError(positionToString(at), head === null ? null : positionToString(head));
    }
    const livePosition = this.readModels.position();
    const data = await checksum({ store: this.readModels.store, model: this.readModels.model, live: this.readModels.db }, readModel, at);
    // A past checksum reflects the position it was rebuilt up to, written as every answer writes one ("5/5", not "5").
    return { position: at === undefined ? livePosition : data.position, data };
  }
}
