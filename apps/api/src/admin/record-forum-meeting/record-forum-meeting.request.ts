// Body of POST /admin/members/:memberId/forum-meetings: a multi-stakeholder forum meeting and who took part.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsUrl, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { InstitutionsRequest, ISO_DATE, MAX_URL, URL_OPTIONS } from '../shared.request';

export class RecordForumMeetingRequest {
  @ApiProperty({ example: '2021-04-20' })
  @Matches(ISO_DATE, { message: 'heldOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  heldOn!: string;

  @ApiProperty({ type: InstitutionsRequest, example: { government: ['Bappeda Kota Semarang', 'Diskominfo Kota Semarang'], civilSociety: ['PATTIRO Semarang', 'Transparency International Indonesia'] } })
  @IsDefined()
  @ValidateNested()
  @Type(() => InstitutionsRequest)
  participants!: InstitutionsRequest;

  @ApiPropertyOptional({ nullable: true, type: String, example: null, maxLength: MAX_URL })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(URL_OPTIONS)
  @MaxLength(MAX_URL)
  @SingleLineText()
  minutesUrl?: string | null;
}
