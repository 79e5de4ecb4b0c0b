// Body of POST /admin/plans/:planId/endorsement: who endorsed the draft plan, and when.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ISO_DATE, MAX_LIST, MAX_NAME, URL_OPTIONS } from '../shared.request';

export class EndorseActionPlanRequest {
  @ApiProperty({ example: '2021-07-26' })
  @Matches(ISO_DATE, { message: 'endorsedOn must be a date YYYY-MM-DD' })
  endorsedOn!: string;

  @ApiProperty({ example: ['PATTIRO Semarang', 'Transparency International Indonesia (TII)'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  endorsedBy!: string[];

  @ApiPropertyOptional({ nullable: true, type: String, example: null })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  statementUrl?: string | null;
}
