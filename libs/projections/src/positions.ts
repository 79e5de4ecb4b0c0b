// Position helpers beyond @ogp/event-store's: the slowest of several checkpoints.
import { comparePositions, type Position } from '@ogp/event-store';

export function minPosition(positions: readonly (Position | null)[]): Position | null {
  let min: Position | null = null;
  for (const p of positions) {
    if (p === null) return null;
    if (min === null || comparePositions(p, min) < 0) min = p;
  }
  return min;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A 64-bit value as SQLite should bind it: a plain number when exact (binding a BigInt costs several times more). */
export function sqlInt(value: bigint): number | bigint {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}
