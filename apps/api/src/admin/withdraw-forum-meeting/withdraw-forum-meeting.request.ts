// Body of the WithdrawForumMeeting route: why the record no longer counts (kept in the event and its metadata).
import { ApiProperty } from '@nestjs/swagger';
import { ReasonRequest } from '../shared.request';

export class WithdrawForumMeetingRequest extends ReasonRequest {
  @ApiProperty({ example: 'Recorded with the wrong date: the forum met on 21 April, recorded again as such' })
  declare reason: string;
}
