// Body of POST /admin/members/:memberId/public-information: the member's public OGP page was updated.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { MultiLineText, SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE, MAX_TEXT, MAX_URL, URL_OPTIONS } from '../shared.request';

export class UpdatePublicInformationRequest {
  @ApiProperty({ example: 'https://www.opengovpartnership.org/members/semarang-indonesia/', maxLength: MAX_URL })
  @IsUrl(URL_OPTIONS)
  @MaxLength(MAX_URL)
  @SingleLineText()
  url!: string;

  @ApiProperty({ example: '2021-07-05' })
  @Matches(ISO_DATE, { message: 'updatedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  updatedOn!: string;

  @ApiProperty({ example: 'Draft action plan published for comment', minLength: 1, maxLength: MAX_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  @MultiLineText()
  summary!: string;
}
