// Body of the StartImplementation route: the date it happened.
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_DATE } from '../shared.request';

export class StartImplementationRequest {
  @ApiProperty({ example: '2021-08-01' })
  @Matches(ISO_DATE, { message: 'startedOn must be a date YYYY-MM-DD' })
  @SingleLineText()
  startedOn!: string;
}
