// The answer of GET /audit/members/{id}/compliance: each obligation's verdict, the day it was judged on and in which zone.
import { ApiProperty } from '@nestjs/swagger';
import { OBLIGATION_IDS, OBLIGATION_STATUSES, type ObligationId, type ObligationStatus } from '@ogp/domain';
import { ClosedSchema, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class RuleSetResponse {
  @ApiProperty({ example: 'ogp-local-2024' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}

@ClosedSchema()
export class ObligationResultResponse {
  @ApiProperty({ enum: OBLIGATION_IDS })
  obligation!: ObligationId;

  @ApiProperty({ enum: OBLIGATION_STATUSES })
  status!: ObligationStatus;

  @ApiProperty({ type: [String], description: 'The events that satisfy the obligation, or that the violation or pending deadline is about' })
  eventIds!: string[];

  @ApiProperty({ example: 'inception assessment dated 2021-09-20 (recorded 2021-09-22); due by 2021-09-30' })
  detail!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The plan the result is about; null for member-wide obligations (forum, website)' })
  planId!: string | null;

  @ApiProperty({ description: 'The rule set\'s id the verdict comes from' })
  ruleSet!: string;
}

@ClosedSchema()
export class ComplianceResponse {
  @ApiProperty({ example: 'semarang' })
  memberId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The planId asked for (null: every plan)' })
  planId!: string | null;

  @ApiProperty({ example: '2023-01-31T16:59:59.999Z', description: 'The instant the evaluation reflects (UTC)' })
  asOf!: string;

  @ApiProperty({ example: '2023-01-31', description: "The day the rules were evaluated on, in the member's time zone" })
  asOfDate!: string;

  @ApiProperty({ example: 'Asia/Jakarta' })
  timeZone!: string;

  @ApiProperty({ type: () => RuleSetResponse })
  ruleSet!: RuleSetResponse;

  @ApiProperty({ type: [ObligationResultResponse] })
  results!: ObligationResultResponse[];

  @ApiProperty({ type: 'integer', description: "Number of the member's events known at asOf" })
  events!: number;
}

@ClosedSchema()
export class ComplianceAnswer extends ReadAnswer {
  @ApiProperty({ type: () => ComplianceResponse })
  data!: ComplianceResponse;
}
