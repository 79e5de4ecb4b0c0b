// Replay: rebuild every read model into a fresh database, then compare each one's checksum with the live database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparePositions, positionToString, type EventStore, type Position } from '@ogp/event-store';
import type { EntityStateModel } from '../entity-state/state-model';
import type { ReadModelDb } from '../projection';
import { minPosition } from '../positions';
import { openReadModelDb } from '../read-model-db';
import { createProjections, type ReadModelName } from '../read-models';
import { type Checkpoint, readAllCheckpoints } from '../runner/checkpoints';
import { checksumProjection } from './checksum';
import { rebuild, type RebuildProgress, type RebuildResult } from './rebuild';

export interface ReadModelChecksum {
  readonly readModel: ReadModelName;
  /** Position the checksum reflects ('commit/prepare'), null for an empty read model. */
  readonly position: string | null;
  readonly sha256: string;
}

export interface ReplayComparison {
  readonly readModel: ReadModelName;
  readonly rebuilt: string;
  readonly live: string;
  readonly equal: boolean;
}

export interface ReplayReport {
  readonly position: string | null;
  readonly events: number;
  readonly elapsedMs: number;
  readonly results: ReplayComparison[];
  readonly equal: boolean;
}

/** Where every projection in the database has got to (null: at least one has applied nothing). */
export function readModelPosition(db: ReadModelDb): Position | null {
  return slowestOf(readAllCheckpoints(db));
}

function slowestOf(checkpoints: readonly Checkpoint[]): Position | null {
  return checkpoints.length === 0 ? null : minPosition(checkpoints.map((c) => c.position));
}

/** Checksums of the read models in a database (all of them, or the one named), as they stand. */
export function checksumReadModels(db: ReadModelDb, model: EntityStateModel, only?: ReadModelName): ReadModelChecksum[] {
  const position = readModelPosition(db);
  return createProjections(model)
    .filter((p) => only === undefined || p.name === only)
    .map((p) => ({
      readModel: p.name as ReadModelName,
      position: position ? positionToString(position) : null,
      sha256: checksumProjection(db, p),
    }));
}

export interface ReplayOptions {
  readonly store: EventStore;
  readonly model: EntityStateModel;
  /** The live read-model database, already caught up to the position to compare at. */
  readonly live: ReadModelDb;
  /** A file for the fresh database; default a temp file removed afterwards. */
  readonly scratchFile?: string;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Rebuilds from the first event up to the live database's position and compares checksums read model by read model.
 * The live checksums and position are read in one read transaction, so a runner writing meanwhile cannot skew them.
 */
export async function replayAndCompare(options: ReplayOptions): Promise<ReplayReport> {
  const { checkpoints, live } = options.live.transaction(() => ({
    checkpoints: readAllCheckpoints(options.live),
    live: checksumReadModels(options.live, options.model),
  }))();
  const position = slowestOf(checkpoints);
  const apart = new Set(checkpoints.map((c) => (c.position === null ? 'none' : positionToString(c.position)))).size > 1;
  // A rebuild reaches one position; live read models standing at different ones (one still catching up, or a
  // version bump) cannot all equal it, and a 'different' verdict would be false.
  if (apart) throw new Error('The live read models stand at different positions: let them catch up (npm run cli -- replay does), then compare');
  return withScratchDb(options.scratchFile, async (fresh) => {
    const result = await rebuild({
      store: options.store,
      db: fresh,
      projections: createProjections(options.model),
      until: position,
      onProgress: options.onProgress,
      needsUpcast: options.model.needsUpcast?.bind(options.model),
    });
    const rebuilt = checksumReadModels(fresh, options.model);
    const results = rebuilt.map((r, i) => ({
      readModel: r.readModel,
      rebuilt: r.sha256,
      live: live[i]!.sha256,
      equal: r.sha256 === live[i]!.sha256,
    }));
    return {
      position: position ? positionToString(position) : null,
      events: result.events,
      elapsedMs: result.elapsedMs,
      results,
      equal: results.every((r) => r.equal),
    };
  });
}

export interface CatchUpOptions {
  readonly store: EventStore;
  readonly model: EntityStateModel;
  readonly db: ReadModelDb;
  readonly until?: Position | null;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Brings every read model in `db` up to the head (or `until`) in large batches: a fresh rebuild, or a CLI's catch-up
 * of the live database. Safe next to a running ProjectionRunner in another process (checkpoints are re-read under
 * the write lock, so nothing is applied twice).
 */
export function catchUp(options: CatchUpOptions): Promise<RebuildResult> {
  return rebuild({
    store: options.store,
    db: options.db,
    projections: createProjections(options.model),
    ...(options.until === undefined ? {} : { until: options.until }),
    onProgress: options.onProgress,
    needsUpcast: options.model.needsUpcast?.bind(options.model),
  });
}

export interface ChecksumOptions {
  readonly store: EventStore;
  readonly model: EntityStateModel;
  readonly live: ReadModelDb;
}

/**
 * Checksum of one read model at a position: from the live database when it stands exactly there, otherwise
 * rebuilt into a temp database up to that position (an auditor's question about the past). Without a position:
 * the live database as it stands.
 */
export async function checksum(
  options: ChecksumOptions,
  readModel: ReadModelName,
  atPosition?: Position,
): Promise<ReadModelChecksum> {
  const livePosition = readModelPosition(options.live);
  const pick = (db: ReadModelDb): ReadModelChecksum => {
    // Only the one asked for: each is a full scan of its tables.
    const [found] = checksumReadModels(db, options.model, readModel);
    if (!found) throw new RangeError(`Unknown read model ${readModel}`);
    return found;
  };
  if (atPosition === undefined || (livePosition && comparePositions(livePosition, atPosition) === 0)) {
    return pick(options.live);
  }
  return withScratchDb(undefined, async (fresh) => {
    await rebuild({
      store: options.store,
      db: fresh,
      projections: createProjections(options.model),
      until: atPosition,
      needsUpcast: options.model.needsUpcast?.bind(options.model),
    });
    return pick(fresh);
  });
}

async function withScratchDb<T>(file: string | undefined, work: (db: ReadModelDb) => Promise<T>): Promise<T> {
  const dir = file === undefined ? mkdtempSync(join(tmpdir(), 'ogp-replay-')) : null;
  const db = openReadModelDb({ file: file ?? join(dir!, 'read-models.sqlite'), mode: 'rebuild' });
  try {
    return await work(db);
  } finally {
    db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
