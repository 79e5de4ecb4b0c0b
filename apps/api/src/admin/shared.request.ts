// Request DTO pieces shared by several command routes: evidence links, dates, participants.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHA256_PATTERN } from '@ogp/domain';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MultiLineText, SingleLineText } from '../platform/text.decorators';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const URL_OPTIONS: Parameters<typeof IsUrl>[0] = { protocols: ['http', 'https'], require_protocol: true };
/** Texts are bounded so that one request cannot bloat the ledger (README, "Limits of a body"; the OpenAPI schema states them too). */
export const MAX_TEXT = 4000;
export const MAX_NAME = 300;
export const MAX_URL = 2000;
export const MAX_LIST = 50;

/** The OpenAPI schema of one name in a list of names (institutions, partners, endorsers). */
export const NAME_ITEMS = { type: 'string', minLength: 1, maxLength: MAX_NAME } as const;

/** One piece of evidence, as the examples of the routes taking a list of them show it. */
export const EVIDENCE_EXAMPLE = { url: 'https://ppid.semarangkota.go.id/laporan-2022', title: 'PPID annual report 2022', sha256: null } as const;

export class EvidenceRequest {
  @ApiProperty({ example: EVIDENCE_EXAMPLE.url, maxLength: MAX_URL })
  @IsUrl(URL_OPTIONS)
  @MaxLength(MAX_URL)
  @SingleLineText()
  url!: string;

  @ApiProperty({ example: EVIDENCE_EXAMPLE.title, minLength: 1, maxLength: MAX_NAME })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_NAME)
  @SingleLineText()
  title!: string;

  @ApiPropertyOptional({
    nullable: true, type: String, example: null, pattern: '^[0-9a-fA-F]{64}$',
    description: 'Hex SHA-256 of the document; upper case (as PowerShell\'s Get-FileHash prints it) is stored in lower case',
  })
  @IsOptional()
  // Case says nothing about the hash, and the domain keeps one spelling of it.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @ValidateIf((_o, v) => v !== null)
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 hex characters' })
  @SingleLineText()
  sha256?: string | null;
}

export class InstitutionsRequest {
  @ApiProperty({ example: ['Bappeda Kota Semarang'], maxItems: MAX_LIST, items: NAME_ITEMS })
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  @SingleLineText({ each: true })
  government!: string[];

  @ApiProperty({ example: ['PATTIRO Semarang'], maxItems: MAX_LIST, items: NAME_ITEMS })
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  @SingleLineText({ each: true })
  civilSociety!: string[];
}

/** A command's `reason`; each route's request names a fitting example (`@ApiProperty({ example }) declare reason`). */
export class ReasonRequest {
  @ApiProperty({ example: 'Agreed at the Semarang multi-stakeholder forum', minLength: 1, maxLength: MAX_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  @MultiLineText()
  reason!: string;
}

/** The domain's Evidence from a validated request (sha256 defaults to null). */
export function evidenceOf(list: readonly EvidenceRequest[] | undefined): { url: string; title: string; sha256: string | null }[] {
  return (list ?? []).map((e) => ({ url: e.url, title: e.title, sha256: e.sha256 ?? null }));
}
