// Body of POST /admin/members/:memberId/forum-meetings: a multi-stakeholder forum meeting and who took part.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsUrl, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { InstitutionsRequest, ISO_DATE, URL_OPTIONS } from '../shared.request';

export class RecordForumMeetingRequest {
  @ApiProperty({ example: '2021-04-20' })
  @Matches(ISO_DATE, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn!: string;

  @ApiProperty({ type: InstitutionsRequest, example: { government: ['Bappeda Kota Semarang', 'Diskominfo Kota Semarang'], civilSociety: ['PATTIRO Semarang', 'Transparency International Indonesia'] } })
  @IsDefined()
  @ValidateNested()
  @Type(() => InstitutionsRequest)
  participants!: InstitutionsRequest;

  @ApiPropertyOptional({ nullable: true, type: String, example: null })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  minutesUrl?: string | null;
}
