// Bodies of the claim reviews: the claim version looked at, and the reviewer's reason or request.
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_TEXT, ReasonRequest } from '../../admin/shared.request';
import { MultiLineText } from '../../platform/text.decorators';

class ClaimVersionRequest extends ReasonRequest {
  @ApiProperty({ example: 1, description: 'The claim version reviewed; a review of an outdated version is refused', minimum: 1, maximum: 1_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

export class VerifyClaimRequest extends ClaimVersionRequest {
  @ApiProperty({ example: "Checked on the PPID portal: 12 of 16 agencies' information lists are online" })
  declare reason: string;
}

export class DisputeClaimRequest extends ClaimVersionRequest {
  @ApiProperty({ example: "Only 9 of the 16 agencies' information lists are online on the PPID portal" })
  declare reason: string;
}

export class RequestEvidenceRequest {
  @ApiProperty({ example: 1, minimum: 1, maximum: 1_000_000, description: 'The claim version looked at (the current one); the request does not close it: it can still be verified or disputed' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;

  @ApiProperty({ example: 'Please link the signed decree on the PPID standard', minLength: 1, maxLength: MAX_TEXT })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEXT)
  @MultiLineText()
  request!: string;
}
