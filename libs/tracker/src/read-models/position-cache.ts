// Read answers held for one read-model position (current entity states, progress roll-ups, the public list of plans):
// a repeated read of unchanged read models skips SQLite, JSON.parse and any roll-up.
import type { ReadResult } from '../queries/read-result';

/** Past this many answers the cache starts over, so that its memory stays bounded whatever is read. */
const CAPACITY = 1_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Valid for one position only: the read models change only when the position moves, so every entry is dropped the
 * first time a read comes with another position. The answers are deeply frozen, being shared by every reader (the
 * API then also writes each one's JSON once). Only for answers that depend on the read models alone: none that
 * depends on the clock (compliance, whose verdicts fall due as time passes) may be kept here.
 */
export class PositionCache<T> {
  private position: string | null = null;
  private filled = false;
  private readonly answers = new Map<string, ReadResult<T> | null>();

  constructor(private readonly capacity = CAPACITY) {}

  /**
   * The answer for `key` with the position it reflects, `read` on a miss; null when `read` finds nothing. `key`
   * must name everything the answer depends on besides the read models. `position` must be what the read models
   * reflect now, taken in the same synchronous step as this call.
   */
  get(position: string | null, key: string, read: () => T | null): ReadResult<T> | null {
    if (!this.filled || position !== this.position) {
      this.answers.clear();
      this.position = position;
      this.filled = true;
    }
    let answer = this.answers.get(key);
    if (answer === undefined) {
      const data = read();
      answer = data === null ? null : deepFreeze({ position, data });
      if (this.answers.size >= this.capacity) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
