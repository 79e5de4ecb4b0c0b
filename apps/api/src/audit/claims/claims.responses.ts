// The answer of GET /audit/claims: a page of current progress claims, each with its state.
import { ApiProperty } from '@nestjs/swagger';
import { CLAIM_REVIEW_STATUSES, CLAIMABLE_COMPLETION } from '@ogp/domain';
import { ClosedSchema, ProgressClaimResponse, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class ClaimMilestoneResponse {
  @ApiProperty({ type: String, nullable: true, example: 'Complaint portal launched' })
  title!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2023-03-31', description: "The milestone's due date in force" })
  dueDate!: string | null;
}

@ClosedSchema()
export class ClaimCommitmentResponse {
  @ApiProperty({ type: String, nullable: true, example: 'IDSMG0011', description: "OGP's id of the commitment, when it has one" })
  ogpId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Open complaint handling' })
  title!: string | null;
}

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

  @ApiProperty({ type: () => ClaimMilestoneResponse, description: 'The milestone the claim reports on' })
  milestone!: ClaimMilestoneResponse;

  @ApiProperty({ type: () => ClaimCommitmentResponse, description: 'The commitment the milestone belongs to' })
  commitment!: ClaimCommitmentResponse;

  @ApiProperty({ type: String, nullable: true, example: '2024-01-20T03:00:00.000Z', description: 'When the current version was recorded (its ProgressReported event)' })
  recordedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2023-09-18',
    description:
      'For a Complete version not yet verified or disputed (Submitted or Evidence Requested): the last day a review of it ' +
      "counts as on time for the verification obligation (the day it was recorded, in the member's time zone, plus the rule " +
      "set's window: the compliance answer's `due by`); null otherwise",
  })
  reviewDueBy!: string | null;

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
