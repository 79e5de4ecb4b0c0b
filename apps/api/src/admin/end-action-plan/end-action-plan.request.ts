// Body of the EndActionPlan route: the date it happened.
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE } from '../shared.request';

export class EndActionPlanRequest {
  @ApiProperty({ example: '2023-12-31' })
  @Matches(ISO_DATE, { message: 'endedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  endedOn!: string;
}
