// Body of POST /review/plans/:planId/inception-assessment: the reviewer's report on a submitted plan.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_DATE, MAX_TEXT, URL_OPTIONS } from '../../admin/shared.request';

export class RecordInceptionAssessmentRequest {
  @ApiProperty({ example: '2021-09-20' })
  @Matches(ISO_DATE, { message: 'assessedOn must be a date YYYY-MM-DD' })
  assessedOn!: string;

  @ApiProperty({ example: 'https://www.opengovpartnership.org/documents/semarang-inception-assessment/' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  reportUrl!: string;

  @ApiProperty({ example: 'Commitments are relevant and mostly verifiable' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  summary!: string;
}
