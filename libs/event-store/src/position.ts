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

/**
 * Parses `commit/prepare` or a single decimal (both halves equal, as the SQLite store's sequence). Any pair of halves:
 * which pairs name a position depends on the store (parsePositionFor, for a position a client gave).
 */
export function parsePosition(text: string): Position {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a position: ${text}`);
  const commit = BigInt(match[1]!);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
}

/** A position that names no place in the order of the store at hand: a client's mistake, to be answered with 400. */
export class PositionFormError extends RangeError {
  readonly code = 'event-store.position-form';
  constructor(message: string) {
    super(message);
    this.name = 'PositionFormError';
  }
}

/**
 * Parses a position a client gave (a waitFor, a checksum's) for the store that `adapter` (EVENT_STORE) keeps,
 * refusing one that store never writes. SQLite numbers its events with one sequence and writes it in both halves:
 * 5/6 is none of its positions, and read as 5 it would answer for a position nobody was given. EventStoreDB's halves
 * are two places in its log and may differ, but the commit record follows the prepare: prepare is never after commit
 * (its clients refuse such a position too).
 */
export function parsePositionFor(text: string, adapter: 'sqlite' | 'esdb'): Position {
  const position = parsePosition(text);
  if (adapter === 'sqlite') sequenceOf(position);
  else if (position.prepare > position.commit) {
    throw new PositionFormError(
      `${text} is not a position: its prepare half is after its commit half (positions are commit/prepare, prepare at most commit)`,
    );
  }
  return position;
}

/** The sequence number of a position of a store that numbers its events with one sequence (SQLite). */
export function sequenceOf(position: Position): bigint {
  if (position.commit !== position.prepare) {
    throw new PositionFormError(
      `${positionToString(position)} is not a position of this store: positions of this store are N/N, one number twice (e.g. 42/42), or N`,
    );
  }
  return position.commit;
}
