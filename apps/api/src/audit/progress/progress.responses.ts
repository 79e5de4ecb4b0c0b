// The progress roll-up's shapes (milestone -> commitment -> plan), as the audit progress routes and /public/plans give them.
import { ApiProperty } from '@nestjs/swagger';
import { CLAIM_REVIEW_STATUSES, CLAIMABLE_COMPLETION, COMPLETION_LEVELS, type ClaimedCompletion, type ClaimReviewStatus, type CompletionLevel } from '@ogp/domain';
import { ClosedSchema, NamedCommitmentResponse, ReadAnswer } from '../read.responses';

const MILESTONE_COMPLETIONS = [...CLAIMABLE_COMPLETION, 'No Evidence Available'] as const;
const AS_OF = { type: String, nullable: true, example: '2022-03-01T00:00:00.000Z', description: 'The instant of recording the roll-up reflects (UTC); null: now' };

@ClosedSchema()
export class LatestClaimResponse {
  @ApiProperty()
  claimId!: string;

  @ApiProperty({ enum: CLAIMABLE_COMPLETION })
  completion!: ClaimedCompletion;

  @ApiProperty({ example: '2022-06-30', description: 'The date the claim speaks for' })
  asOf!: string;

  @ApiProperty({ enum: CLAIM_REVIEW_STATUSES })
  reviewStatus!: ClaimReviewStatus;

  @ApiProperty({ description: 'Recorded after the plan ended (its recorded end, or the last day of its period)' })
  late!: boolean;
}

@ClosedSchema()
export class MilestoneProgressResponse {
  @ApiProperty()
  milestoneId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ example: '2022-06-30' })
  dueDate!: string;

  @ApiProperty({ enum: MILESTONE_COMPLETIONS, description: 'From the latest undisputed claim' })
  completion!: string;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.6666666666666666, description: 'The completion\'s score (Limited 1/3, Substantial 2/3, Complete 1)' })
  score!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The claim the completion comes from' })
  claimId!: string | null;

  @ApiProperty({ description: 'Whether a reviewer has verified that claim\'s version' })
  verified!: boolean;

  @ApiProperty({ type: () => LatestClaimResponse, nullable: true, description: 'The latest claim, disputed or not (null: none reported)' })
  latestClaim!: LatestClaimResponse | null;
}

@ClosedSchema()
export class CommitmentProgressResponse extends NamedCommitmentResponse {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Mean score of its active milestones' })
  ratio!: number;

  @ApiProperty({ enum: COMPLETION_LEVELS })
  level!: CompletionLevel;

  @ApiProperty({ type: [MilestoneProgressResponse] })
  milestones!: MilestoneProgressResponse[];
}

@ClosedSchema()
export class PlanProgressResponse {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Mean progress of its active commitments' })
  ratio!: number;

  @ApiProperty({ enum: COMPLETION_LEVELS })
  level!: CompletionLevel;

  @ApiProperty({ type: [CommitmentProgressResponse] })
  commitments!: CommitmentProgressResponse[];
}

@ClosedSchema()
export class PlanProgressView {
  @ApiProperty()
  planId!: string;

  @ApiProperty(AS_OF)
  asOf!: string | null;

  @ApiProperty({ type: () => PlanProgressResponse })
  progress!: PlanProgressResponse;
}

@ClosedSchema()
export class CommitmentProgressView extends CommitmentProgressResponse {
  @ApiProperty(AS_OF)
  asOf!: string | null;
}

@ClosedSchema()
export class PlanProgressAnswer extends ReadAnswer {
  @ApiProperty({ type: () => PlanProgressView })
  data!: PlanProgressView;
}

@ClosedSchema()
export class CommitmentProgressAnswer extends ReadAnswer {
  @ApiProperty({ type: () => CommitmentProgressView })
  data!: CommitmentProgressView;
}
