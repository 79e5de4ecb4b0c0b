// Body of POST /review/plans/:planId/inception-assessment: the reviewer's report on a submitted plan.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_DATE, MAX_TEXT, MAX_URL, URL_OPTIONS } from '../../admin/shared.request';
import { MultiLineText, SingleLineText } from '../../platform/text.decorators';

export class RecordInceptionAssessmentRequest {
  @ApiProperty({ example: '2021-09-20' })
  @Matches(ISO_DATE, { message: 'assessedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  assessedOn!: string;

  @ApiProperty({ example: 'https://www.opengovpartnership.org/documents/semarang-inception-assessment/', maxLength: MAX_URL })
  @IsUrl(URL_OPTIONS)
  @MaxLength(MAX_URL)
  @SingleLineText()
  reportUrl!: string;

  @ApiProperty({ example: 'Commitments are relevant and mostly verifiable', minLength: 1, maxLength: MAX_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  @MultiLineText()
  summary!: string;
}
