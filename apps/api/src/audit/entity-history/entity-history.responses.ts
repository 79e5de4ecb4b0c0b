// The answer of GET /audit/{collection}/{id}/history: a page of the entity's audit trail.
import { ApiProperty } from '@nestjs/swagger';
import { AuditEntryResponse, ClosedSchema, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class EntityHistoryAnswer extends ReadAnswer {
  @ApiProperty({ type: [AuditEntryResponse], description: 'The entity\'s events in revision order' })
  data!: AuditEntryResponse[];

  @ApiProperty({ type: 'integer', nullable: true, description: 'The fromRevision of the next page; null after the last' })
  next!: number | null;
}
