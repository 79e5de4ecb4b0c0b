// The answer of GET /audit/events: a page of the global feed of domain events.
import { ApiProperty } from '@nestjs/swagger';
import { AuditEntryResponse, ClosedSchema, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class EventFeedPageResponse {
  @ApiProperty({ type: [AuditEntryResponse], description: 'Events in the global order' })
  entries!: AuditEntryResponse[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'The `after` of the next page (a seq); null at the end' })
  next!: number | null;
}

@ClosedSchema()
export class EventFeedAnswer extends ReadAnswer {
  @ApiProperty({ type: () => EventFeedPageResponse })
  data!: EventFeedPageResponse;
}
