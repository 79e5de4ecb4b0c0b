// Body of POST /admin/members: a jurisdiction joining OGP Local, under the id the client chooses.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_ID_PATTERN } from '@ogp/domain';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { MAX_LIST, MAX_NAME, NAME_ITEMS } from '../shared.request';

export class RegisterMemberRequest {
  @ApiProperty({ example: 'semarang', description: 'Lowercase slug naming the jurisdiction, 2 to 40 characters', minLength: 2, maxLength: 40 })
  @IsString()
  @MinLength(2)
  @MaxLength(40)
  @Matches(MEMBER_ID_PATTERN, { message: 'memberId must be a lowercase slug such as semarang or buenos-aires' })
  @SingleLineText()
  memberId!: string;

  @ApiProperty({ example: 'Kota Semarang', minLength: 1, maxLength: MAX_NAME })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_NAME)
  @SingleLineText()
  name!: string;

  @ApiProperty({ example: 'ID', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as ID' })
  @SingleLineText()
  country!: string;

  @ApiProperty({ example: 2020, minimum: 2016, maximum: 2100 })
  @IsInt()
  @Min(2016)
  @Max(2100)
  cohort!: number;

  @ApiProperty({ example: ['Transparency International Indonesia (TII)', 'PATTIRO Semarang'], maxItems: MAX_LIST, items: NAME_ITEMS })
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  @SingleLineText({ each: true })
  partners!: string[];

  @ApiPropertyOptional({
    example: 'Asia/Jakarta',
    description: 'IANA time zone whose days the member\'s dates are (which day "today" is, the day a claim was recorded on); UTC when left out',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Jakarta' })
  @SingleLineText()
  timeZone?: string;
}
