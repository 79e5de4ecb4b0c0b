// Body of POST /admin/members/:memberId/public-information: the member's public OGP page was updated.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_DATE, MAX_TEXT, URL_OPTIONS } from '../shared.request';

export class UpdatePublicInformationRequest {
  @ApiProperty({ example: 'https://www.opengovpartnership.org/members/semarang-indonesia/' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ example: '2021-07-05' })
  @Matches(ISO_DATE, { message: 'updatedOn must be a date YYYY-MM-DD' })
  updatedOn!: string;

  @ApiProperty({ example: 'Draft action plan published for comment' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  summary!: string;
}
