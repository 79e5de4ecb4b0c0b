// Body of POST /review/commitments/:commitmentId/end-of-commitment-assessment: completion and did-it-open-government.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLETION_LEVELS, DID_IT_OPEN_GOVERNMENT, NOT_APPLICABLE, OGP_VALUES, type CompletionLevel, type DidItOpenGovernmentOrNa, type OgpValue } from '@ogp/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { EvidenceRequest, ISO_DATE } from '../../admin/shared.request';
import { SingleLineText } from '../../platform/text.decorators';

const OUTCOMES = [...DID_IT_OPEN_GOVERNMENT, NOT_APPLICABLE] as const;

export class OutcomesRequest {
  @ApiProperty({ enum: OUTCOMES, example: 'Major' }) @IsIn(OUTCOMES) 'Access to Information'!: DidItOpenGovernmentOrNa;
  @ApiProperty({ enum: OUTCOMES, example: 'Not Applicable' }) @IsIn(OUTCOMES) 'Civic Participation'!: DidItOpenGovernmentOrNa;
  @ApiProperty({ enum: OUTCOMES, example: 'Marginal' }) @IsIn(OUTCOMES) 'Public Accountability'!: DidItOpenGovernmentOrNa;
  @ApiProperty({ enum: OUTCOMES, example: 'Not Applicable' }) @IsIn(OUTCOMES) 'Technology and Innovation for Transparency and Accountability'!: DidItOpenGovernmentOrNa;
}

export class AssessEndOfCommitmentRequest {
  @ApiProperty({ example: '2024-02-15' })
  @Matches(ISO_DATE, { message: 'assessedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  assessedOn!: string;

  @ApiProperty({ enum: COMPLETION_LEVELS, example: 'Substantial' })
  @IsIn(COMPLETION_LEVELS)
  completion!: CompletionLevel;

  @ApiProperty({ type: OutcomesRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => OutcomesRequest)
  didItOpenGovernment!: OutcomesRequest;

  @ApiPropertyOptional({ type: [EvidenceRequest], description: 'At most 3 items; absent means none', maxItems: 3 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence?: EvidenceRequest[];
}

export function outcomesOf(body: OutcomesRequest): Record<OgpValue, DidItOpenGovernmentOrNa> {
  return Object.fromEntries(OGP_VALUES.map((v) => [v, body[v]])) as Record<OgpValue, DidItOpenGovernmentOrNa>;
}
