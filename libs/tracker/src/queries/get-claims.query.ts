// GetClaims: current progress claims (a reviewer's queue, an auditor's list), filtered, ordered and paged with a cursor.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { dateOf, DEFAULT_TIME_ZONE, type ProgressClaim, verificationDueBy } from '@ogp/domain';
import { type ClaimCursor, type ClaimListRow, type ClaimOrder, type ClaimView, listClaims, type RecordedClaimCursor } from '@ogp/projections';
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
  /** effectiveAt (default) or recordedAt: oldest recorded version first, the reviewer's queue. */
  readonly sort?: ClaimOrder;
  /** The `next` of the previous page, parsed (parseClaimCursor); of the same sort. */
  readonly after?: ClaimCursor | RecordedClaimCursor;
  readonly limit?: number;
  /** A position a client got back from its own command: the read waits until the read models reflect it. */
  readonly waitFor?: string;
}

/**
 * A claim as listed: the read model's row and the version under review (a new version starts review again), named by
 * its milestone and commitment, with when that version was recorded and the last day its review counts as on time.
 */
export type ClaimListing = ClaimView & {
  readonly version: number;
  readonly milestone: { readonly title: string | null; readonly dueDate: string | null };
  readonly commitment: { readonly ogpId: string | null; readonly title: string | null };
  readonly recordedAt: string | null;
  /** For a Complete version neither verified nor disputed: the verification obligation's deadline; else null. */
  readonly reviewDueBy: string | null;
};

export interface ClaimsPage {
  readonly claims: ClaimListing[];
  /** The `after` of the next page; null after the last. */
  readonly next: string | null;
}

/** A page's size when the client names none. */
export const CLAIMS_PAGE = 100;

/** The cursor's first element in the recordedAt order (the effectiveAt order's cursor has three, as it always had). */
const RECORDED = 'recordedAt';

/**
 * The cursor as a client holds it: opaque (base64url of JSON), so that any date or id goes through a URL as it is,
 * and a client does not build one of its own. A cursor names its order: one of the other order is refused.
 */
export function claimCursorText(claim: ClaimCursor | RecordedClaimCursor): string {
  const position = 'recordedAt' in claim ? [RECORDED, claim.recordedAt, claim.commitmentId, claim.claimId] : [claim.effectiveAt, claim.commitmentId, claim.claimId];
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The cursor claimCursorText wrote, or null for any other text. */
export function parseClaimCursor(text: string): ClaimCursor | RecordedClaimCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const cursor = cursorOf(parsed);
  // Base64 decoding skips what it cannot read: only the text this cursor is written as names it.
  return cursor !== null && claimCursorText(cursor) === text ? cursor : null;
}

function cursorOf(parsed: unknown): ClaimCursor | RecordedClaimCursor | null {
  if (!Array.isArray(parsed) || !parsed.every((x) => x === null || typeof x === 'string')) return null;
  const texts = parsed as (string | null)[];
  if (texts.length === 4 && texts[0] === RECORDED) {
    const [, recordedAt, commitmentId, claimId] = texts;
    return recordedAt !== null && commitmentId !== null && claimId !== null ? { recordedAt, commitmentId, claimId } : null;
  }
  if (texts.length !== 3) return null;
  const [effectiveAt, commitmentId, claimId] = texts as [string | null, string | null, string | null];
  return commitmentId !== null && claimId !== null ? { effectiveAt, commitmentId, claimId } : null;
}

/** Whether a parsed cursor belongs to this order's pages. */
export function cursorFitsSort(cursor: ClaimCursor | RecordedClaimCursor, sort: ClaimOrder = 'effectiveAt'): boolean {
  return ('recordedAt' in cursor) === (sort === 'recordedAt');
}

/**
 * The day a reviewer must verify or dispute a version by, as the verification obligation judges it: a Complete
 * version still open (Submitted, or Evidence Requested: a request does not stop the clock), from the day it was
 * recorded in the member's time zone.
 */
function reviewDueBy(row: ClaimListRow, recordedAt: string | null): string | null {
  const open = row.status === 'Submitted' || row.status === 'Evidence Requested';
  if (row.completion !== 'Complete' || !open || recordedAt === null) return null;
  return verificationDueBy(dateOf(recordedAt, row.timeZone ?? DEFAULT_TIME_ZONE));
}

function listing(row: ClaimListRow): ClaimListing {
  const { commitmentId, claimId, milestoneId, memberId, planId, completion, status, effectiveAt, state, recordedAt } = row;
  return {
    commitmentId,
    claimId,
    version: (state as ProgressClaim).version,
    milestoneId,
    memberId,
    planId,
    completion,
    status,
    effectiveAt,
    milestone: { title: row.milestoneTitle, dueDate: row.milestoneDueDate },
    commitment: { ogpId: row.ogpId, title: row.commitmentTitle },
    recordedAt,
    reviewDueBy: reviewDueBy(row, recordedAt),
    state,
  };
}

/** Where the next page starts: after this claim, in the page's order. */
function cursorAfter(claim: ClaimListing, sort: ClaimOrder): ClaimCursor | RecordedClaimCursor {
  const { commitmentId, claimId } = claim;
  // In the recordedAt order every listed claim has a recording (the audit trail's event is what lists it).
  return sort === 'recordedAt' ? { recordedAt: claim.recordedAt!, commitmentId, claimId } : { effectiveAt: claim.effectiveAt, commitmentId, claimId };
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
    const { waitFor, limit = CLAIMS_PAGE, sort = 'effectiveAt', ...filters } = options;
    return readAfter(this.readModels, waitFor, () => {
      // One claim more than the page: whether another page follows, without counting them all.
      const rows = listClaims(this.readModels.db, { ...filters, order: sort, limit: limit + 1 });
      const claims = rows.slice(0, limit).map(listing);
      const last = claims.at(-1);
      return { claims, next: rows.length > limit && last !== undefined ? claimCursorText(cursorAfter(last, sort)) : null };
    });
  }
}
