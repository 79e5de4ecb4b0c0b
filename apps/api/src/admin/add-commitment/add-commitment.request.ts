// Body of POST /admin/plans/:planId/commitments: a commitment's terms as OGP's template names them.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OGP_COMMITMENT_ID_PATTERN, OGP_VALUES, type CommitmentTerms, type OgpValue } from '@ogp/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { MultiLineText, SingleLineText } from '../../platform/text.decorators';
import { InstitutionsRequest, ISO_MONTH, MAX_NAME, MAX_TEXT } from '../shared.request';

export class CommitmentTermsRequest {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'IDSMG0001', description: "OGP's own id; null until assigned" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(OGP_COMMITMENT_ID_PATTERN, { message: 'ogpId must look like IDSMG0001' })
  @SingleLineText()
  ogpId?: string | null;

  @ApiProperty({ example: 'Improving public information services (PPID)', minLength: 1, maxLength: MAX_NAME })
  @IsString() @MinLength(1) @MaxLength(MAX_NAME) @SingleLineText()
  title!: string;

  @ApiProperty({ example: 'Requests for public information are answered slowly and unevenly across agencies', minLength: 1, maxLength: MAX_TEXT })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) @MultiLineText()
  problem!: string;

  @ApiProperty({ example: 'Each agency runs its own information desk without a common standard', minLength: 1, maxLength: MAX_TEXT })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) @MultiLineText()
  statusQuo!: string;

  @ApiProperty({ example: 'Adopt a common PPID service standard and publish each agency’s information list', minLength: 1, maxLength: MAX_TEXT })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) @MultiLineText()
  action!: string;

  @ApiProperty({ example: 'Citizens get public information on time from every agency', minLength: 1, maxLength: MAX_TEXT })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) @MultiLineText()
  objective!: string;

  @ApiProperty({ enum: OGP_VALUES, isArray: true, example: ['Access to Information'], minItems: 1, maxItems: OGP_VALUES.length })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(OGP_VALUES.length) @IsIn(OGP_VALUES, { each: true })
  values!: OgpValue[];

  @ApiProperty({ example: 'Diskominfo Kota Semarang', minLength: 1, maxLength: MAX_NAME })
  @IsString() @MinLength(1) @MaxLength(MAX_NAME) @SingleLineText()
  leadInstitution!: string;

  @ApiProperty({ type: InstitutionsRequest })
  @IsDefined() @ValidateNested() @Type(() => InstitutionsRequest)
  supportingInstitutions!: InstitutionsRequest;

  @ApiProperty({ example: 'Right to information', minLength: 1, maxLength: MAX_NAME })
  @IsString() @MinLength(1) @MaxLength(MAX_NAME) @SingleLineText()
  policyArea!: string;

  @ApiProperty({ example: '2021-08' })
  @Matches(ISO_MONTH, { message: 'startMonth must be a month YYYY-MM' })
  @SingleLineText()
  startMonth!: string;

  @ApiProperty({ example: '2023-12' })
  @Matches(ISO_MONTH, { message: 'endMonth must be a month YYYY-MM' })
  @SingleLineText()
  endMonth!: string;
}

export class AddCommitmentRequest extends CommitmentTermsRequest {
  @ApiPropertyOptional({ nullable: true, type: String, example: null, description: 'Required once the plan is submitted', minLength: 1, maxLength: MAX_TEXT })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) @MultiLineText()
  reason?: string | null;
}

/** The domain's terms from a validated request (only the known fields). */
export function termsOf(body: CommitmentTermsRequest): CommitmentTerms {
  const { government, civilSociety } = body.supportingInstitutions;
  return {
    ogpId: body.ogpId ?? null, title: body.title, problem: body.problem, statusQuo: body.statusQuo, action: body.action, objective: body.objective,
    values: body.values, leadInstitution: body.leadInstitution, supportingInstitutions: { government, civilSociety }, policyArea: body.policyArea,
    startMonth: body.startMonth, endMonth: body.endMonth,
  };
}
