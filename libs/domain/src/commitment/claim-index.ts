// Where each claim id sits in a commitment's claim list, found without scanning the list on every command and event.
import type { ProgressClaim } from './state';

type Claims = readonly ProgressClaim[];

/**
 * Claim id -> index, shared by a list and the lists evolve makes from it (one claim appended, or one replaced in
 * place), which keep every claim at its index. Every claim of every list that shares a map is in it, so a missing
 * id is absent; an index is checked against the list before it is trusted (two lists made from one predecessor
 * may hold different claims at the same new index), and a wrong one falls back on a scan.
 */
const indexes = new WeakMap<Claims, Map<string, number>>();

/** Shorter lists are scanned: cheaper than keeping their index (a WeakMap entry per list), and the usual case. */
const INDEX_FROM = 64;

function indexOf(claims: Claims): Map<string, number> {
  let index = indexes.get(claims);
  if (index === undefined) {
    index = new Map();
    for (let i = 0; i < claims.length; i++) if (!index.has(claims[i]!.claimId)) index.set(claims[i]!.claimId, i);
    indexes.set(claims, index);
  }
  return index;
}

/** The index of the first claim with this id, or -1. */
export function claimIndex(claims: Claims, claimId: string): number {
  if (claims.length < INDEX_FROM) return claims.findIndex((c) => c.claimId === claimId);
  const i = indexOf(claims).get(claimId);
  if (i === undefined) return -1;
  if (i < claims.length && claims[i]!.claimId === claimId) return i;
  return claims.findIndex((c) => c.claimId === claimId);
}

/** The list with `claim` in place of the first claim of its id, or appended when the list has none. */
export function withReportedClaim(claims: Claims, claim: ProgressClaim): Claims {
  const i = claimIndex(claims, claim.claimId);
  const next = claims.slice();
  if (i < 0) next.push(claim);
  else next[i] = claim;
  const index = claims.length < INDEX_FROM ? undefined : indexes.get(claims);
  if (index !== undefined) {
    if (i < 0 && !index.has(claim.claimId)) index.set(claim.claimId, claims.length);
    indexes.set(next, index);
  }
  return next;
}
