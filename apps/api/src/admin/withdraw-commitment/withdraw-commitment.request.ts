// Body of the WithdrawCommitment route: why (recorded in the event's metadata).
import { ApiProperty } from '@nestjs/swagger';
import { ReasonRequest } from '../shared.request';

export class WithdrawCommitmentRequest extends ReasonRequest {
  @ApiProperty({ example: 'Taken over by the Central Java province open data programme' })
  declare reason: string;
}
