// Body of POST /admin/plans/:planId/commitments: a commitment's terms as OGP's template names them.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OGP_COMMITMENT_ID_PATTERN, OGP_VALUES, type CommitmentTerms, type OgpValue } from '@ogp/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { InstitutionsRequest, ISO_MONTH, MAX_NAME, MAX_TEXT } from '../shared.request';

export class CommitmentTermsRequest {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'IDSMG0001', description: "OGP's own id; null until assigned" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(OGP_COMMITMENT_ID_PATTERN, { message: 'ogpId must look like IDSMG0001' })
  ogpId?: string | null;

  @ApiProperty({ example: 'Improving public information services (PPID)' })
  @IsString() @MinLength(1) @MaxLength(MAX_NAME)
  title!: string;

  @ApiProperty({ example: 'Requests for public information are answered slowly and unevenly across agencies' })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT)
  problem!: string;

  @ApiProperty({ example: 'Each agency runs its own information desk without a common standard' })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT)
  statusQuo!: string;

  @ApiProperty({ example: 'Adopt a common PPID service standard and publish each agency’s information list' })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT)
  action!: string;

  @ApiProperty({ example: 'Citizens get public information on time from every agency' })
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT)
  objective!: string;

  @ApiProperty({ enum: OGP_VALUES, isArray: true, example: ['Access to Information'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(OGP_VALUES.length) @IsIn(OGP_VALUES, { each: true })
  values!: OgpValue[];

  @ApiProperty({ example: 'Diskominfo Kota Semarang' })
  @IsString() @MinLength(1) @MaxLength(MAX_NAME)
  leadInstitution!: string;

  @ApiProperty({ type: InstitutionsRequest })
  @IsDefined() @ValidateNested() @Type(() => InstitutionsRequest)
  supportingInstitutions!: InstitutionsRequest;

  @ApiProperty({ example: 'Right to information' })
  @IsString() @MinLength(1) @MaxLength(MAX_NAME)
  policyArea!: string;

  @ApiProperty({ example: '2021-08' })
  @Matches(ISO_MONTH, { message: 'startMonth must be a month YYYY-MM' })
  startMonth!: string;

  @ApiProperty({ example: '2023-12' })
  @Matches(ISO_MONTH, { message: 'endMonth must be a month YYYY-MM' })
  endMonth!: string;
}

export class AddCommitmentRequest extends CommitmentTermsRequest {
  @ApiPropertyOptional({ nullable: true, type: String, example: null, description: 'Required once the plan is submitted' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT)
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
