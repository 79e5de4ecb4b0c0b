// Body of POST /admin/plans/:planId/endorsement: who endorsed the draft plan, and when.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE, MAX_LIST, MAX_NAME, MAX_URL, NAME_ITEMS, URL_OPTIONS } from '../shared.request';

export class EndorseActionPlanRequest {
  @ApiProperty({ example: '2021-07-26' })
  @Matches(ISO_DATE, { message: 'endorsedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  endorsedOn!: string;

  @ApiProperty({ example: ['PATTIRO Semarang', 'Transparency International Indonesia (TII)'], minItems: 1, maxItems: MAX_LIST, items: NAME_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  @SingleLineText({ each: true })
  endorsedBy!: string[];

  @ApiPropertyOptional({ nullable: true, type: String, example: null, maxLength: MAX_URL })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(URL_OPTIONS)
  @MaxLength(MAX_URL)
  @SingleLineText()
  statementUrl?: string | null;
}
