// Request DTO pieces shared by several command routes: evidence links, dates, participants.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHA256_PATTERN } from '@ogp/domain';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const URL_OPTIONS: Parameters<typeof IsUrl>[0] = { protocols: ['http', 'https'], require_protocol: true };
/** Texts are bounded so that one request cannot bloat the ledger. */
export const MAX_TEXT = 4000;
export const MAX_NAME = 300;
export const MAX_LIST = 50;

export class EvidenceRequest {
  @ApiProperty({ example: 'https://ppid.semarangkota.go.id/laporan-2022' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ example: 'PPID annual report 2022' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_NAME)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: null, description: 'Lowercase hex SHA-256 of the document' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 lowercase hex characters' })
  sha256?: string | null;
}

export class InstitutionsRequest {
  @ApiProperty({ example: ['Bappeda Kota Semarang'] })
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  government!: string[];

  @ApiProperty({ example: ['PATTIRO Semarang'] })
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_NAME, { each: true })
  civilSociety!: string[];
}

export class ReasonRequest {
  @ApiProperty({ example: 'Budget reallocated after the 2022 revision' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  reason!: string;
}

/** The domain's Evidence from a validated request (sha256 defaults to null). */
export function evidenceOf(list: readonly EvidenceRequest[] | undefined): { url: string; title: string; sha256: string | null }[] {
  return (list ?? []).map((e) => ({ url: e.url, title: e.title, sha256: e.sha256 ?? null }));
}
