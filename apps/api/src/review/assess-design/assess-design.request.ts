// Body of POST /review/commitments/:commitmentId/design-assessment: verifiability, relevance per OGP value, potential.
import { ApiProperty } from '@nestjs/swagger';
import { OGP_VALUES, POTENTIAL_FOR_RESULTS, RELEVANCE, VERIFIABILITY, type OgpValue, type PotentialForResults, type Relevance, type Verifiability } from '@ogp/domain';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, Matches, ValidateNested } from 'class-validator';
import { ISO_DATE } from '../../admin/shared.request';
import { SingleLineText } from '../../platform/text.decorators';

export class RelevanceRequest {
  @ApiProperty({ enum: RELEVANCE, example: 'Relevant' }) @IsIn(RELEVANCE) 'Access to Information'!: Relevance;
  @ApiProperty({ enum: RELEVANCE, example: 'Not Relevant' }) @IsIn(RELEVANCE) 'Civic Participation'!: Relevance;
  @ApiProperty({ enum: RELEVANCE, example: 'Relevant' }) @IsIn(RELEVANCE) 'Public Accountability'!: Relevance;
  @ApiProperty({ enum: RELEVANCE, example: 'Not Relevant' }) @IsIn(RELEVANCE) 'Technology and Innovation for Transparency and Accountability'!: Relevance;
}

export class AssessDesignRequest {
  @ApiProperty({ example: '2021-10-05' })
  @Matches(ISO_DATE, { message: 'assessedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  assessedOn!: string;

  @ApiProperty({ enum: VERIFIABILITY, example: 'Verifiable' })
  @IsIn(VERIFIABILITY)
  verifiability!: Verifiability;

  @ApiProperty({ type: RelevanceRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => RelevanceRequest)
  relevance!: RelevanceRequest;

  @ApiProperty({ enum: POTENTIAL_FOR_RESULTS, example: 'Substantial' })
  @IsIn(POTENTIAL_FOR_RESULTS)
  potentialForResults!: PotentialForResults;
}

export function relevanceOf(body: RelevanceRequest): Record<OgpValue, Relevance> {
  return Object.fromEntries(OGP_VALUES.map((v) => [v, body[v]])) as Record<OgpValue, Relevance>;
}
