// The answer of GET /audit/claims: a page of current progress claims, each with its state.
import { ApiProperty } from '@nestjs/swagger';
import { CLAIM_REVIEW_STATUSES, CLAIMABLE_COMPLETION } from '@ogp/domain';
import { ClosedSchema, ProgressClaimResponse, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class ClaimListingResponse {
  @ApiProperty()
  commitmentId!: string;

  @ApiProperty()
  claimId!: string;

  @ApiProperty({ type: 'integer', description: 'The version under review (a new version starts review again)' })
  version!: number;

  @ApiProperty()
  milestoneId!: string;

  @ApiProperty({ type: String, nullable: true })
  memberId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  planId!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: CLAIMABLE_COMPLETION })
  completion!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: CLAIM_REVIEW_STATUSES, description: 'Review status' })
  status!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2022-06-30', description: 'The date the claim speaks for' })
  effectiveAt!: string | null;

  @ApiProperty({ type: () => ProgressClaimResponse, description: "The claim's current version as the commitment's state holds it" })
  state!: ProgressClaimResponse;
}

@ClosedSchema()
export class ClaimsPageResponse {
  @ApiProperty({ type: [ClaimListingResponse] })
  claims!: ClaimListingResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'The `after` of the next page; null after the last' })
  next!: string | null;
}

@ClosedSchema()
export class ClaimsAnswer extends ReadAnswer {
  @ApiProperty({ type: () => ClaimsPageResponse })
  data!: ClaimsPageResponse;
}
