// Current entity states held for one read-model position: a repeated read of unchanged state skips SQLite and JSON.parse.
import type { EntityState } from '@ogp/projections';
import type { ReadResult } from '../queries/read-result';

/** Past this many entities the cache starts over, so that its memory stays bounded whatever is read. */
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
 * API then also writes each one's JSON once).
 */
export class EntityStateCache {
  private position: string | null = null;
  private filled = false;
  private readonly answers = new Map<string, ReadResult<EntityState> | null>();

  constructor(
    private readonly read: (stream: string) => EntityState | null,
    private readonly capacity = CAPACITY,
  ) {}

  /**
   * The entity's state with the position it reflects; null when the read models have no event of it.
   * `position` must be what the read models reflect now, taken in the same synchronous step as this call.
   */
  get(position: string | null, stream: string): ReadResult<EntityState> | null {
    if (!this.filled || position !== this.position) {
      this.answers.clear();
      this.position = position;
      this.filled = true;
    }
    let answer = this.answers.get(stream);
    if (answer === undefined) {
      const state = this.read(stream);
      answer = state === null ? null : deepFreeze({ position, data: state });
      if (this.answers.size >= this.capacity) this.answers.clear();
      this.answers.set(stream, answer);
    }
    return answer;
  }
}
