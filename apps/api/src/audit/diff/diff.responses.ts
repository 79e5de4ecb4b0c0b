// The answer of GET /audit/diff: the entities changed in a window of recording, their events, and who changed them.
import { ApiProperty } from '@nestjs/swagger';
import type { EntityKind } from '@ogp/projections';
import { AuditEntryResponse, ClosedSchema, ENTITY_KINDS, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class EntityChangeResponse {
  @ApiProperty({ example: 'plan-semarang-2021' })
  stream!: string;

  @ApiProperty({ enum: ENTITY_KINDS })
  entityKind!: EntityKind;

  @ApiProperty()
  entityId!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Revision at `from` (null: it did not exist yet)' })
  fromRevision!: number | null;

  @ApiProperty({ type: 'integer', description: 'Revision at `to`' })
  toRevision!: number;

  @ApiProperty({ type: 'integer', description: 'Every event of the entity in the window, listed or not' })
  eventCount!: number;

  @ApiProperty({ type: [AuditEntryResponse], description: 'Its events in the window (fewer when the diff is truncated)' })
  events!: AuditEntryResponse[];
}

@ClosedSchema()
export class DiffActorResponse {
  @ApiProperty()
  actorId!: string;

  @ApiProperty({ example: 'admin' })
  actorRole!: string;

  @ApiProperty({ type: 'integer', description: 'Events of this actor in the window' })
  events!: number;
}

@ClosedSchema()
export class DiffResponse {
  @ApiProperty({ example: '2022-01-01T00:00:00.000Z', description: 'The window (from, to] as UTC instants' })
  from!: string;

  @ApiProperty({ example: '2022-07-01T00:00:00.000Z' })
  to!: string;

  @ApiProperty({ type: [EntityChangeResponse] })
  entities!: EntityChangeResponse[];

  @ApiProperty({ type: [DiffActorResponse] })
  actors!: DiffActorResponse[];

  @ApiProperty({ type: 'integer', description: 'Every event in the window (and streams asked for), listed or not' })
  eventCount!: number;

  @ApiProperty({ description: 'More events matched than the diff lists' })
  truncated!: boolean;
}

@ClosedSchema()
export class DiffAnswer extends ReadAnswer {
  @ApiProperty({ type: () => DiffResponse })
  data!: DiffResponse;
}
