// The answer of GET /audit/{collection}/{id}: the entity-state row, with a commitment's plan status beside it.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_STATUSES } from '@ogp/domain';
import { ClosedSchema, EntityStateResponse, ReadAnswer } from '../read.responses';

/** `state` stays an object (see EntityStateResponse): the member's, plan's or commitment's domain state, not modelled here. */
@ClosedSchema()
export class EntityReadResponse extends EntityStateResponse {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    enum: PLAN_STATUSES,
    description: "A commitment's only: its plan's status at the same moment (its own status says only whether it was withdrawn)",
  })
  planStatus?: string | null;
}

@ClosedSchema()
export class EntityReadAnswer extends ReadAnswer {
  @ApiProperty({ type: () => EntityReadResponse })
  data!: EntityReadResponse;
}
