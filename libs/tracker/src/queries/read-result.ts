// What every read answers: the data and the global position the read models reflected when it was read.
import type { PositionCache } from '../read-models/position-cache';
import type { ReadModels } from '../read-models/read-models.service';

export interface ReadResult<T> {
  /** "commit/prepare" of the last event the read models had applied (null: none yet). */
  readonly position: string | null;
  readonly data: T;
}

/** Options every read accepts: an instant of recording to read as of, and a position to wait for first. */
export interface ReadOptions {
  readonly asOf?: string;
  /** A position a client got back from its own command: the read waits until the read models reflect it. */
  readonly waitFor?: string;
}

/** Resolves once the read models reflect `waitFor` (at once when not given). */
export async function waitForOwnWrite(readModels: ReadModels, waitFor: string | undefined): Promise<void> {
  if (waitFor !== undefined) await readModels.waitFor(readModels.parsePosition(waitFor));
}

/**
 * As readAfter, through a cache valid for one read-model position: a repeated read while the read models stand still
 * answers without reading (null: `read` found nothing).
 */
export async function readAfterCached<T>(
  readModels: ReadModels,
  waitFor: string | undefined,
  cache: PositionCache<T>,
  key: string,
  read: () => T | null,
): Promise<ReadResult<T> | null> {
  await waitForOwnWrite(readModels, waitFor);
  return cache.get(readModels.position(), key, read);
}

/** Waits for `waitFor` (if given), then reads; the position is taken before the read so it never overstates. */
export async function readAfter<T>(readModels: ReadModels, waitFor: string | undefined, read: () => T): Promise<ReadResult<T>> {
  await waitForOwnWrite(readModels, waitFor);
  const position = readModels.position();
  return { position, data: read() };
}
