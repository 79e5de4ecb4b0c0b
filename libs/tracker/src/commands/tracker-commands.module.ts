// Nest wiring of the command side: the CQRS bus, the one IssueCommand handler, the aggregate state cache and the
// read models' sibling states.
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AggregateStates } from './aggregate-states';
import { IssueCommandHandler } from './issue-command';

@Module({
  // The read models give the siblings some rules compare with (see SiblingStates).
  imports: [CqrsModule.forRoot(), ReadModelsModule],
  providers: [AggregateStates, IssueCommandHandler],
  exports: [AggregateStates],
})
export class TrackerCommandsModule {}
