// Tree sizes and leaf indexes: accepted as number or bigint at the API, held as safe integers inside.
import { LedgerError } from './ledger-error';

/** A count of leaves or a leaf index as callers hold it (event store positions are bigint). */
export type TreeSize = number | bigint;

/** Converts to a non-negative safe integer, or throws LedgerError('invalid-size'): never rounds silently. */
export function toSafeSize(value: TreeSize, name = 'size'): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof value === 'bigint' && BigInt(n) !== value) {
    throw new LedgerError('invalid-size', `${name} ${value} is beyond 2^53 - 1`);
  }
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new LedgerError('invalid-size', `${name} must be a non-negative safe integer, got ${String(value)}`);
  }
  return n;
}

/** The largest power of two strictly below n (n >= 2): RFC 6962's split point k. Arithmetic, not bit ops, past 2^31. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}
