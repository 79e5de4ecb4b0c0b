// Position helpers for the global order: compare, serialize ('commit/prepare') and parse positions.
import type { Position } from './port';

/** The position before the first event (exclusive subscriptions from START deliver everything). */
export const START: Position = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `commit/prepare` in decimal: bigint halves never go through JSON numbers. */
export function positionToString(p: Position): string {
  return `${p.commit.toString()}/${p.prepare.toString()}`;
}

/** Parses `commit/prepare` or a single decimal (both halves equal, as the SQLite store's sequence). */
export function parsePosition(text: string): Position {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a position: ${text}`);
  const commit = BigInt(match[1]!);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
}
