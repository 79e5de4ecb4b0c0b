// Nest wiring of the read side: the read models (runner + SQLite cache) and one query handler per question.
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetReadModelChecksumHandler } from '../queries/get-checksum.query';
import { GetClaimsHandler } from '../queries/get-claims.query';
import { GetComplianceHandler } from '../queries/get-compliance.query';
import { GetDiffHandler } from '../queries/get-diff.query';
import { GetEntityHistoryHandler } from '../queries/get-entity-history.query';
import { GetEntityHandler } from '../queries/get-entity.query';
import { GetEventFeedHandler } from '../queries/get-event-feed.query';
import { GetMemberPlansHandler } from '../queries/get-member-plans.query';
import { GetCommitmentProgressHandler, GetPlanProgressHandler } from '../queries/get-progress.query';
import { ListPublishedPlansHandler } from '../queries/list-published-plans.query';
import { SIBLING_STATES } from '../commands/sibling-states';
import { ReadModelSiblings } from './read-model-siblings';
import { ReadModels } from './read-models.service';

@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    ReadModels,
    GetEntityHandler,
    GetEntityHistoryHandler,
    GetEventFeedHandler,
    GetDiffHandler,
    GetPlanProgressHandler,
    GetCommitmentProgressHandler,
    GetComplianceHandler,
    GetClaimsHandler,
    GetMemberPlansHandler,
    GetReadModelChecksumHandler,
    ListPublishedPlansHandler,
    { provide: SIBLING_STATES, useClass: ReadModelSiblings },
  ],
  exports: [ReadModels, SIBLING_STATES],
})
export class ReadModelsModule {}
