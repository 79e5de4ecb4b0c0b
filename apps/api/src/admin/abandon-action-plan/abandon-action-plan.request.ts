// Body of the AbandonActionPlan route: why the draft is given up (recorded in the event and its metadata).
import { ApiProperty } from '@nestjs/swagger';
import { ReasonRequest } from '../shared.request';

export class AbandonActionPlanRequest extends ReasonRequest {
  @ApiProperty({ example: 'Drafted twice by mistake: the 2021-2023 plan was drafted again with the right period', minLength: 1 })
  declare reason: string;
}
