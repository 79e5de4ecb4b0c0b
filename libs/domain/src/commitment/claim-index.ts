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

function indexFor(claims: Claims): Map<string, number> {
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
  const i = indexFor(claims).get(claimId);
  if (i === undefined) return -1;
  if (i < claims.length && claims[i]!.claimId === claimId) return i;
  return claims.findIndex((c) => c.claimId === claimId);
}

/** The first claim with this id, if any. */
export function claimById(claims: Claims, claimId: string): ProgressClaim | undefined {
  const i = claimIndex(claims, claimId);
  return i < 0 ? undefined : claims[i];
}

/** A copy of the list with `claim` at index `at` (the list's length: appended), sharing the list's index. */
export function withClaimAt(claims: Claims, at: number, claim: ProgressClaim): Claims {
  const next = claims.slice();
  next[at] = claim;
  const index = claims.length < INDEX_FROM ? undefined : indexes.get(claims);
  if (index !== undefined) {
    if (at === claims.length && !index.has(claim.claimId)) index.set(claim.claimId, at);
    indexes.set(next, index);
  }
  return next;
}

/** `claim` put at index `at` of this very list (its length: appended), keeping the list's index: for a fold's own list. */
export function putClaimAt(claims: Claims, at: number, claim: ProgressClaim): Claims {
  (claims as ProgressClaim[])[at] = claim;
  const index = claims.length < INDEX_FROM ? undefined : indexes.get(claims);
  if (index !== undefined && !index.has(claim.claimId)) index.set(claim.claimId, at);
  return claims;
}
