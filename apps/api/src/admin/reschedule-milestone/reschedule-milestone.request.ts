// Body of POST /admin/commitments/:commitmentId/milestones/:milestoneId/rescheduling: new dates and why.
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE, ReasonRequest } from '../shared.request';

export class RescheduleMilestoneRequest extends ReasonRequest {
  @ApiProperty({ example: 'Agency training postponed by the 2021 COVID-19 restrictions in Semarang' })
  declare reason: string;

  @ApiProperty({ example: '2021-10-01' })
  @Matches(ISO_DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  @SingleLineText()
  startDate!: string;

  @ApiProperty({ example: '2022-06-30' })
  @Matches(ISO_DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  @SingleLineText()
  dueDate!: string;
}
