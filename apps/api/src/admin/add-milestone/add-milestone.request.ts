// Body of POST /admin/commitments/:commitmentId/milestones: a milestone's title and schedule.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE, MAX_NAME } from '../shared.request';

export class AddMilestoneRequest {
  @ApiProperty({ example: 'Publish the PPID service standard on the city portal', minLength: 1, maxLength: MAX_NAME })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_NAME)
  @SingleLineText()
  title!: string;

  @ApiProperty({ example: '2021-09-01' })
  @Matches(ISO_DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  @SingleLineText()
  startDate!: string;

  @ApiProperty({ example: '2022-03-31' })
  @Matches(ISO_DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  @SingleLineText()
  dueDate!: string;
}
