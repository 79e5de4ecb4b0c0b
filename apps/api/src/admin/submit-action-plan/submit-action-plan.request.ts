// Body of the SubmitActionPlan route: the date it happened.
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE } from '../shared.request';

export class SubmitActionPlanRequest {
  @ApiProperty({ example: '2021-07-30' })
  @Matches(ISO_DATE, { message: 'submittedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  submittedOn!: string;
}
