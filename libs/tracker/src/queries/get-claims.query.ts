// GetClaims: current progress claims (a reviewer's queue, an auditor's list), filtered and paged with a cursor.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ProgressClaim } from '@ogp/domain';
import { type ClaimCursor, type ClaimView, listClaims } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { readAfter, type ReadResult } from './read-result';

export interface ClaimsOptions {
  readonly memberId?: string;
  readonly planId?: string;
  readonly commitmentId?: string;
  /** Review status as the domain names it (Submitted, Verified, Disputed, Evidence Requested). */
  readonly status?: string;
  /** Effective dates (YYYY-MM-DD), both ends included. */
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  /** The `next` of the previous page, parsed (parseClaimCursor). */
  readonly after?: ClaimCursor;
  readonly limit?: number;
  /** A position a client got back from its own command: the read waits until the read models reflect it. */
  readonly waitFor?: string;
}

/** A claim as listed: the read model's row and the version under review (a new version starts review again). */
export type ClaimListing = ClaimView & { readonly version: number };

export interface ClaimsPage {
  readonly claims: ClaimListing[];
  /** The `after` of the next page; null after the last. */
  readonly next: string | null;
}

/** A page's size when the client names none. */
export const CLAIMS_PAGE = 100;

/**
 * The cursor as a client holds it: opaque (base64url of JSON), so that any effective date or id goes through a URL
 * as it is, and a client does not build one of its own.
 */
export function claimCursorText(claim: ClaimCursor): string {
  return Buffer.from(JSON.stringify([claim.effectiveAt, claim.commitmentId, claim.claimId]), 'utf8').toString('base64url');
}

/** The cursor claimCursorText wrote, or null for any other text. */
export function parseClaimCursor(text: string): ClaimCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [effectiveAt, commitmentId, claimId] = parsed as unknown[];
  if ((effectiveAt !== null && typeof effectiveAt !== 'string') || typeof commitmentId !== 'string' || typeof claimId !== 'string') return null;
  const cursor = { effectiveAt, commitmentId, claimId };
  // Base64 decoding skips what it cannot read: only the text this cursor is written as names it.
  return claimCursorText(cursor) === text ? cursor : null;
}

function listing(claim: ClaimView): ClaimListing {
  const { commitmentId, claimId, milestoneId, memberId, planId, completion, status, effectiveAt, state } = claim;
  return { commitmentId, claimId, version: (state as ProgressClaim).version, milestoneId, memberId, planId, completion, status, effectiveAt, state };
}

export class GetClaims extends Query<ReadResult<ClaimsPage>> {
  constructor(readonly options: ClaimsOptions = {}) {
    super();
  }
}

@QueryHandler(GetClaims)
export class GetClaimsHandler implements IQueryHandler<GetClaims, ReadResult<ClaimsPage>> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ options }: GetClaims): Promise<ReadResult<ClaimsPage>> {
    const { waitFor, limit = CLAIMS_PAGE, ...filters } = options;
    return readAfter(this.readModels, waitFor, () => {
      // One claim more than the page: whether another page follows, without counting them all.
      const rows = listClaims(this.readModels.db, { ...filters, limit: limit + 1 });
      const claims = rows.slice(0, limit).map(listing);
      const last = claims.at(-1);
      return { claims, next: rows.length > limit && last !== undefined ? claimCursorText(last) : null };
    });
  }
}
