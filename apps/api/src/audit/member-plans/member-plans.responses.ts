// The answer of GET /audit/members/{id}/plans: the member's plans and their commitments, by name.
import { ApiProperty } from '@nestjs/swagger';
import { ENTITY_STATUSES, PLAN_STATUSES } from '@ogp/domain';
import { ClosedSchema, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class CommitmentListingResponse {
  @ApiProperty()
  commitmentId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'IDSMG0006' })
  ogpId!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: ENTITY_STATUSES })
  status!: string;
}

@ClosedSchema()
export class PlanListingResponse {
  @ApiProperty()
  planId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ example: '2026-12' })
  periodStart!: string;

  @ApiProperty({ example: '2028-11' })
  periodEnd!: string;

  @ApiProperty({ enum: PLAN_STATUSES })
  status!: string;

  @ApiProperty({ type: [CommitmentListingResponse], description: 'By OGP id' })
  commitments!: CommitmentListingResponse[];
}

@ClosedSchema()
export class MemberPlansResponse {
  @ApiProperty({ example: 'semarang' })
  memberId!: string;

  @ApiProperty({ type: [PlanListingResponse], description: 'In the order of their periods' })
  plans!: PlanListingResponse[];
}

@ClosedSchema()
export class MemberPlansAnswer extends ReadAnswer {
  @ApiProperty({ type: () => MemberPlansResponse })
  data!: MemberPlansResponse;
}
