// Body of POST /admin/plans/:planId/endorsement/correction: the endorsement as it should read, and why.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MultiLineText } from '../../platform/text.decorators';
import { EndorseActionPlanRequest } from '../endorse-action-plan/endorse-action-plan.request';
import { MAX_TEXT, MAX_URL } from '../shared.request';

export class CorrectEndorsementRequest extends EndorseActionPlanRequest {
  @ApiProperty({ example: '2021-07-24', description: 'The date civil society endorsed the plan, as it should read' })
  declare endorsedOn: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://pattiro.org/pernyataan-dukungan-rencana-aksi-2021', maxLength: MAX_URL, description: 'Left out: the statement recorded stays; null removes it' })
  declare statementUrl?: string | null;

  @ApiProperty({ example: 'The date was mistyped: PATTIRO signed the endorsement on 24 July (statement attached)', minLength: 1, maxLength: MAX_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  @MultiLineText()
  reason!: string;
}
