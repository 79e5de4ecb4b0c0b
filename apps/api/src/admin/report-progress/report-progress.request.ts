// Body of POST /admin/commitments/:commitmentId/claims: a progress claim on a milestone, with its evidence.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIMABLE_COMPLETION, ENTITY_ID_PATTERN, type ClaimedCompletion } from '@ogp/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ID_EXAMPLES } from '../../platform/id-examples';
import { MultiLineText, SingleLineText } from '../../platform/text.decorators';
import { EVIDENCE_EXAMPLE, EvidenceRequest, ISO_DATE, MAX_TEXT } from '../shared.request';

export class ReportProgressRequest {
  // No example: the route's example reports a new claim, as most requests do (an example id would be an unknown claim).
  @ApiPropertyOptional({ description: 'Only to make a new version of an existing claim (the id its first report answered in ids); left out, a new claim is reported. An unknown one: 404 claim.not-found', maxLength: 64 })
  @IsOptional()
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN, { message: 'claimId must be lowercase letters, digits and dashes' })
  @SingleLineText()
  claimId?: string;

  @ApiProperty({ example: ID_EXAMPLES.milestone, maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN, { message: 'milestoneId must be lowercase letters, digits and dashes' })
  @SingleLineText()
  milestoneId!: string;

  @ApiProperty({ enum: CLAIMABLE_COMPLETION, example: 'Substantial' })
  @IsIn(CLAIMABLE_COMPLETION)
  completion!: ClaimedCompletion;

  @ApiProperty({ example: '2022-06-30' })
  @Matches(ISO_DATE, { message: 'asOf must be a date YYYY-MM-DD' })
  @SingleLineText()
  asOf!: string;

  @ApiProperty({ example: 'Service standard published; 12 of 16 agencies have completed their information lists', minLength: 1, maxLength: MAX_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  @MultiLineText()
  narrative!: string;

  @ApiPropertyOptional({ type: [EvidenceRequest], example: [EVIDENCE_EXAMPLE], description: 'Required (at least one item) for Substantial and Complete; absent means none', maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence?: EvidenceRequest[];
}
