// Nest wiring of the command side: the CQRS bus, the one IssueCommand handler and the aggregate state cache.
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateStates } from './aggregate-states';
import { IssueCommandHandler } from './issue-command';

@Module({
  imports: [CqrsModule.forRoot()],
  providers: [AggregateStates, IssueCommandHandler],
  exports: [AggregateStates],
})
export class TrackerCommandsModule {}
