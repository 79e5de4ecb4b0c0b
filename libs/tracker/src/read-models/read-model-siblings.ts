// SiblingStates from the entity-state read model, once it has caught up with the store's head.
import { Injectable } from '@nestjs/common';
import type { ActionPlan, Commitment } from '@ogp/domain';
import { listEntitiesWithoutClaims, type EntityListQuery } from '@ogp/projections';
import type { SiblingStates } from '../commands/sibling-states';
import { ReadModels } from './read-models.service';

@Injectable()
export class ReadModelSiblings implements SiblingStates {
  constructor(private readonly readModels: ReadModels) {}

  plansOf(memberId: string): Promise<readonly ActionPlan[]> {
    return this.statesOf<ActionPlan>({ kind: 'plan', memberId });
  }

  commitmentsOf(planId: string): Promise<readonly Commitment[]> {
    return this.statesOf<Commitment>({ kind: 'commitment', planId });
  }

  /** What the read models hold once they reflect every event stored when asked (a draft made a moment ago included). */
  private async statesOf<S>(query: EntityListQuery): Promise<S[]> {
    const head = await this.readModels.store.headPosition();
    if (head !== null) await this.readModels.waitFor(head);
    return listEntitiesWithoutClaims(this.readModels.db, query).map((entity) => entity.state as S);
  }
}
