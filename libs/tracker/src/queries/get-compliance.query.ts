// GetCompliance: each OGP Local obligation's verdict for a member (optionally one plan) as of an instant, with the
// ids of the events behind it.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { complianceOf, currentState, type ComplianceView } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { EntityNotFoundError } from './entity-not-found.error';
import { readAfter, type ReadOptions, type ReadResult } from './read-result';

export class GetCompliance extends Query<ReadResult<ComplianceView>> {
  constructor(
    readonly memberId: string,
    readonly options: ReadOptions & { readonly planId?: string },
    /** The instant to evaluate at when options.asOf is absent (the clock's now). */
    readonly now: string,
  ) {
    super();
  }
}

@QueryHandler(GetCompliance)
export class GetComplianceHandler implements IQueryHandler<GetCompliance, ReadResult<ComplianceView>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ memberId, options, now }: GetCompliance): Promise<ReadResult<ComplianceView>> {
    return readAfter(this.readModels, options.waitFor, () => {
      const stream = `member-${memberId}`;
      if (currentState(this.readModels.db, stream) === null) throw new EntityNotFoundError(stream);
      const view = complianceOf(this.readModels.db, { memberId, asOf: options.asOf ?? now, planId: options.planId });
      // As for every other read of the past: before the member was registered, there is no member to judge.
      if (view === null) throw new EntityNotFoundError(stream, options.asOf);
      // A plan of the member's has results for every obligation about plans: none means no such plan (then).
      if (options.planId !== undefined && view.results.length === 0) throw new EntityNotFoundError(`plan-${options.planId} of member ${memberId}`, options.asOf);
      return view;
    });
  }
}
