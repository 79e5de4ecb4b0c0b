// The API instance's read models: a SQLite cache in DATA_DIR fed by the projection runner, with lag and readiness.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { comparePositions, EVENT_STORE, leaveAtRest, parsePositionFor, positionToString, type EventStore, type Position } from '@ogp/event-store';
import {
  createProjections,
  currentState,
  domainStateModel,
  type EntityState,
  openLiveReadModels,
  openReadModelDb,
  ProjectionRunner,
  type ProjectionLag,
  type ReadModelDb,
  whyReadModelsAreNotOfStore,
} from '@ogp/projections';
import { APP_CONFIG, type EventStoreKind, type ResolvedConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ReadinessService } from '../metrics/readiness.service';
import { PositionBeyondLogError } from '../queries/position-beyond-log.error';
import type { ReadResult } from '../queries/read-result';
import { PositionCache } from './position-cache';

/** How long a read that asked for its own write (waitFor) may wait for the read models. */
export const WAIT_FOR_TIMEOUT_MS = 5_000;
/** Lag beyond this many events makes /health/ready answer 503 (the instance still serves, but stale). */
const READY_LAG_EVENTS = 10_000;
const LAG_SAMPLE_MS = 5_000;

export function readModelFile(config: ResolvedConfig): string {
  mkdirSync(config.DATA_DIR, { recursive: true });
  return join(config.DATA_DIR, 'read-models.sqlite');
}

@Injectable()
export class ReadModels implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  /**
   * The connection queries read through: its own, read-only. The runner's connection holds a batch's transaction
   * open across awaits, and a query on it would see rows not yet committed (and perhaps rolled back); a separate
   * connection in WAL mode sees committed batches only, never more than position() says.
   */
  private reader!: ReadModelDb;
  private writer!: ReadModelDb;
  readonly model = domainStateModel;
  private runner!: ProjectionRunner;
  private readonly file: string;
  private readonly logger = new Logger(ReadModels.name);
  private lagTimer: NodeJS.Timeout | null = null;
  private readonly entities = new PositionCache<EntityState>();
  private readonly storeKind: EventStoreKind;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly metrics: MetricsService,
    private readonly readiness: ReadinessService,
  ) {
    this.storeKind = config.EVENT_STORE;
    this.file = readModelFile(config);
    this.open();
  }

  get db(): ReadModelDb {
    return this.reader;
  }

  private open(): void {
    const opened = openLiveReadModels(this.file);
    if (opened.setAside !== null) this.logger.warn(`${this.file} was not a readable SQLite database: set aside as ${opened.setAside}; the read models are rebuilt from the event store`);
    this.writer = opened.db;
    this.runner = new ProjectionRunner({
      store: this.store,
      db: this.writer,
      projections: createProjections(domainStateModel),
      retryMs: 1_000,
      onError: (error) => this.logger.error(`Projection runner failed; retrying: ${String(error)}`),
    });
    // Opened after the runner has created the tables.
    this.reader = openReadModelDb({ file: this.file, readonly: true });
  }

  /**
   * Read models ahead of the store, or built from another history (events.sqlite restored from an older backup under
   * newer read models), are set aside as `<file>.stale-<ms>` and rebuilt: followed as they are, they would serve
   * events the store does not hold, and never apply the ones it holds at the positions they think they applied.
   */
  async onModuleInit(): Promise<void> {
    const reason = await whyReadModelsAreNotOfStore(this.writer, this.store);
    if (reason === null) return;
    this.reader.close();
    this.writer.close();
    const setAside = `${this.file}.stale-${Date.now()}`;
    renameSync(this.file, setAside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(this.file + suffix)) renameSync(this.file + suffix, setAside + suffix);
    this.open();
    this.logger.warn(`${this.file} is not of this event store (${reason}): set aside as ${setAside}; the read models are rebuilt from the event store`);
  }

  onApplicationBootstrap(): void {
    this.runner.start();
    this.readiness.register('read-models', async () => {
      const lag = await this.lag();
      return { ready: this.runner.state === 'running' && lag.events < READY_LAG_EVENTS, detail: `${this.runner.state}, ${lag.events} events behind` };
    });
    this.lagTimer = setInterval(() => void this.lag().catch(() => undefined), LAG_SAMPLE_MS);
    this.lagTimer.unref();
  }

  /** Stops projecting while the store is still open; reads in flight keep the database until HTTP has closed. */
  async onModuleDestroy(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.runner.stop();
  }

  /** Nest calls this after the HTTP server has finished its requests. */
  onApplicationShutdown(): void {
    if (this.reader.open) this.reader.close();
    if (this.writer.open) {
      // At rest out of WAL mode, so that a reader with no write access to DATA_DIR (cli replay, export) can open it.
      leaveAtRest(this.writer);
      this.writer.close();
    }
  }

  /** The position every read model reflects, as "commit/prepare" (null before the first event). */
  position(): string | null {
    // The runner keeps its committed position in memory (read from the checkpoints when it was made), so a read
    // does not query the checkpoint table.
    const position = this.runner.position();
    return position === null ? null : positionToString(position);
  }

  /**
   * The current state of a stream's entity with the position it reflects (null: no event of it yet), deeply frozen.
   * Reads at an unchanged position share one read of the database, and one answer.
   */
  currentEntity(stream: string): ReadResult<EntityState> | null {
    return this.entities.get(this.position(), stream, () => currentState(this.db, stream));
  }

  /** A position a client gave (waitFor, a checksum's); PositionFormError when this store writes none like it. */
  parsePosition(text: string): Position {
    return parsePositionFor(text, this.storeKind);
  }

  /**
   * Resolves once the read models reflect `position` (a client's own write); rejects after the timeout, and at once
   * for a position the store has not reached (no write of anyone's is there to wait for).
   */
  async waitFor(position: Position): Promise<void> {
    if (this.runner.position() === null || comparePositions(this.runner.position()!, position) < 0) {
      const head = await this.store.headPosition();
      if (head === null || comparePositions(position, head) > 0) throw new PositionBeyondLogError(positionToString(position), head === null ? null : positionToString(head));
    }
    await this.runner.waitFor(position, WAIT_FOR_TIMEOUT_MS);
  }

  async lag(): Promise<ProjectionLag> {
    const lag = await this.runner.lag();
    this.metrics.setProjectionLag('read-models', { events: lag.events, seconds: lag.seconds });
    return lag;
  }
}
