// Body of the WithdrawMilestone route: why (recorded in the event's metadata).
import { ApiProperty } from '@nestjs/swagger';
import { ReasonRequest } from '../shared.request';

export class WithdrawMilestoneRequest extends ReasonRequest {
  @ApiProperty({ example: 'Merged into the milestone on the PPID portal launch' })
  declare reason: string;
}
