// Body of POST /admin/members/:memberId/time-zone: the member's days are, from now on, days in another time zone.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsTimeZone, MaxLength } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ReasonRequest } from '../shared.request';

export class ChangeMemberTimeZoneRequest extends ReasonRequest {
  @ApiProperty({ example: 'Registered without a time zone (UTC): Semarang keeps Western Indonesia Time (WIB)' })
  declare reason: string;

  @ApiProperty({ example: 'Asia/Jakarta', description: 'IANA time zone whose days the member\'s dates are from now on (days before the change keep theirs)', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Jakarta' })
  @SingleLineText()
  timeZone!: string;
}
