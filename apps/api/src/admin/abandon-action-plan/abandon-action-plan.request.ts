// Body of the AbandonActionPlan route: why the draft is given up (recorded in the event and its metadata).
import { ApiProperty } from '@nestjs/swagger';
import { ReasonRequest } from '../shared.request';

export class AbandonActionPlanRequest extends ReasonRequest {
  @ApiProperty({ example: 'Drafted with the wrong period (2021-2024): to be drafted again for 2021-2023', minLength: 1 })
  declare reason: string;
}
