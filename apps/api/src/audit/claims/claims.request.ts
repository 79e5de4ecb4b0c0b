// The query of GET /audit/claims: whose claims, in which review status, effective when, in which order, and which page.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_REVIEW_STATUSES, type ClaimReviewStatus, ENTITY_ID_PATTERN, ISO_DATE_FORM, MEMBER_ID_PATTERN } from '@ogp/domain';
import { IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import type { ClaimOrder } from '@ogp/projections';
import { OwnWriteQuery, PageSize } from '../read.request';

/** The orders a claim list can be read in. */
const CLAIM_SORTS: readonly ClaimOrder[] = ['effectiveAt', 'recordedAt'];

/** What a cursor is written with (base64url); whether it is one of ours is for parseClaimCursor to say. */
const CURSOR_TEXT = /^[A-Za-z0-9_-]+$/;

/** Claims are current state only (the claim table holds no past): no asOf here, unlike ReadQuery. */
export class ClaimsQuery extends OwnWriteQuery {
  @ApiPropertyOptional({ example: 'semarang', description: "only this member's claims (a key scoped to a member reads its own only)" })
  @IsOptional()
  @MaxLength(40)
  @Matches(MEMBER_ID_PATTERN, { message: 'memberId must be a member slug (lowercase letters, digits, dashes)' })
  memberId?: string;

  @ApiPropertyOptional({ example: 'semarang-2021', description: "only this action plan's claims" })
  @IsOptional()
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN, { message: 'planId must be lowercase letters, digits and single dashes' })
  planId?: string;

  @ApiPropertyOptional({ example: 'semarang-2021-c1', description: "only this commitment's claims" })
  @IsOptional()
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN, { message: 'commitmentId must be lowercase letters, digits and single dashes' })
  commitmentId?: string;

  @ApiPropertyOptional({
    enum: CLAIM_REVIEW_STATUSES,
    example: 'Submitted',
    description: "the review status of the claim's current version: Submitted is waiting for review (write a space as %20)",
  })
  @IsOptional()
  @IsIn(CLAIM_REVIEW_STATUSES)
  status?: ClaimReviewStatus;

  @ApiPropertyOptional({ example: '2022-01-01', description: 'claims effective on or after this date (YYYY-MM-DD: the date the claim speaks about)' })
  @IsOptional()
  @Matches(ISO_DATE_FORM, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be a date that exists' })
  effectiveFrom?: string;

  @ApiPropertyOptional({ example: '2022-06-30', description: 'claims effective on or before this date (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(ISO_DATE_FORM, { message: 'effectiveTo must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveTo must be a date that exists' })
  effectiveTo?: string;

  @ApiPropertyOptional({
    enum: CLAIM_SORTS,
    default: 'effectiveAt',
    description:
      "effectiveAt: by the date the claim speaks for; recordedAt: by when the claim's current version was recorded, " +
      'oldest first (the reviewer\'s queue: the verification clock runs from the recording). A page\'s `next` is for the same sort',
  })
  @IsOptional()
  @IsIn(CLAIM_SORTS)
  sort?: ClaimOrder;

  @PageSize()
  limit?: number;

  @ApiPropertyOptional({ example: 'WyIyMDIxLTEyLTE1Iiwic2VtYXJhbmctMjAyMS1jNCIsInNlbWFyYW5nLTIwMjEtYzQtbTEtcDEiXQ', description: 'cursor: the `next` of the previous page (opaque)' })
  @IsOptional()
  @MaxLength(512)
  @Matches(CURSOR_TEXT, { message: 'after must be the `next` of a previous page' })
  after?: string;
}
