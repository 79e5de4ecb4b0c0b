// Body of POST /admin/commitments/:commitmentId/claims: a progress claim on a milestone, with its evidence.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIMABLE_COMPLETION, ENTITY_ID_PATTERN, type ClaimedCompletion } from '@ogp/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ID_EXAMPLES } from '../../platform/id-examples';
import { MultiLineText, SingleLineText } from '../../platform/text.decorators';
import { EvidenceRequest, ISO_DATE, MAX_TEXT } from '../shared.request';

export class ReportProgressRequest {
  @ApiPropertyOptional({ example: ID_EXAMPLES.claim, description: 'Absent for a new claim; an existing claim id makes a new version of it (an unknown one: 404 claim.not-found)', maxLength: 64 })
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

  @ApiPropertyOptional({ type: [EvidenceRequest], description: 'Required (at least one item) for Substantial and Complete; absent means none', maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence?: EvidenceRequest[];
}
