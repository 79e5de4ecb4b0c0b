// Body of POST /admin/members/:memberId/plans: a new action plan in Draft, with its period.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SingleLineText } from '../../platform/text.decorators';
import { ISO_MONTH, MAX_NAME } from '../shared.request';

export class DraftActionPlanRequest {
  @ApiProperty({ example: 'Semarang OGP Local Action Plan 2021-2023', minLength: 1, maxLength: MAX_NAME })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_NAME)
  @SingleLineText()
  title!: string;

  @ApiProperty({ example: '2021-08' })
  @Matches(ISO_MONTH, { message: 'periodStart must be a month YYYY-MM' })
  @SingleLineText()
  periodStart!: string;

  @ApiProperty({ example: '2023-12' })
  @Matches(ISO_MONTH, { message: 'periodEnd must be a month YYYY-MM' })
  @SingleLineText()
  periodEnd!: string;
}
