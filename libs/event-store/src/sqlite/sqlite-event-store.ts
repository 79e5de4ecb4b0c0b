// The embedded EventStore adapter: one SQLite file (WAL), one group-committing writer, keyset-paged reads.
import Database from 'better-sqlite3';
import { toCanonical } from '../chain-entry';
import type {
  AppendOptions,
  AppendResult,
  Direction,
  EventFilter,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  Upcaster,
} from '../port';
import { UpcasterChain } from '../upcasting';
import { validateEvents } from '../validate-event';
import { decodeRow, type EventRow } from './event-row';
import { GroupCommitWriter } from './group-commit-writer';
import { openReadOnlyEventDb } from './open-read-only';
import { configureWriter, leaveAtRest, type SqliteSynchronous } from './schema';
import { END_SEQ, PAGE_SIZE, SqliteReads, seqBound } from './sqlite-reads';
import { PagedIterable } from './paged-iterable';
import { SqliteSubscription, type SubscriptionPage } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:'. */
  readonly file: string;
  /** FULL (default) makes every acknowledged append survive power loss; NORMAL only survives a process crash. */
  readonly synchronous?: SqliteSynchronous;
  readonly upcasters?: readonly Upcaster[];
  /**
   * Reads only (verify, export, replay by someone who may not write the store): the file must exist, is opened
   * read-only and is neither configured nor given a schema; an append fails with SQLITE_READONLY.
   */
  readonly readonly?: boolean;
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly writer: GroupCommitWriter;
  private readonly reads: SqliteReads;
  private readonly upcasters: UpcasterChain;
  private readonly commitListeners = new Set<() => void>();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    if (options.readonly === true) {
      this.db = openReadOnlyEventDb(options.file);
    } else {
      this.db = new Database(options.file);
      configureWriter(this.db, options.synchronous ?? 'FULL');
    }
    this.upcasters = new UpcasterChain(options.upcasters);
    this.reads = new SqliteReads(this.db);
    this.writer = new GroupCommitWriter(this.db, () => {
      for (const listener of this.commitListeners) listener();
    });
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('Event store is closed'));
    try {
      validateEvents(stream, events);
      return this.writer.enqueue(stream, events.map(toCanonical), options.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (from === 'end' && direction === 'forwards') return new PagedIterable<EventRow, StoredEvent>(() => [], this.decoder(false));
    let cursor = from === 'start' ? 0 : from === 'end' ? END_SEQ : seqBound(from);
    let remaining = options.maxCount ?? Infinity;
    return new PagedIterable(() => {
      if (remaining <= 0) return [];
      this.assertOpen();
      const rows = this.reads.streamPage(stream, cursor, direction, Math.min(PAGE_SIZE, remaining));
      remaining = rows.length < PAGE_SIZE ? 0 : remaining - rows.length;
      if (rows.length > 0) cursor = nextCursor(rows, direction, 3);
      return rows;
    }, this.decoder(options.raw === true));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    if (from === 'end' && direction === 'forwards') return new PagedIterable<EventRow, StoredEvent>(() => [], this.decoder(false));
    let cursor = from === 'start' ? (direction === 'forwards' ? 0 : -1) : from === 'end' ? END_SEQ : seqBound(from.commit);
    let remaining = options.maxCount ?? Infinity;
    return new PagedIterable(() => {
      if (remaining <= 0) return [];
      this.assertOpen();
      const rows = this.reads.allPage(cursor, direction, Math.min(PAGE_SIZE, remaining), options.filter);
      // A short page is the last one: stop without asking SQLite for an empty page.
      remaining = rows.length < PAGE_SIZE ? 0 : remaining - rows.length;
      if (rows.length > 0) cursor = nextCursor(rows, direction, 0);
      return rows;
    }, this.decoder(options.raw === true));
  }

  private decoder(raw: boolean): (row: EventRow) => StoredEvent {
    const upcasters = this.upcasters;
    return (row) => decodeRow(row, upcasters, raw);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('Event store is closed');
    const from = options.fromPosition ?? 'start';
    const after = from === 'start' ? 0 : seqBound(from.commit);
    const source = {
      pageAfter: (seq: number, filter: EventFilter | undefined): SubscriptionPage => {
        if (this.closed) return { events: [], scannedTo: seq };
        // Read before the page: every event up to this head is visible to the page's query, which a page that is not
        // full has therefore scanned whole. A filtered subscription then moves past the events its filter skipped.
        const head = filter === undefined ? seq : (this.reads.headPosition() ?? seq);
        const rows = this.reads.allPage(seq + 1, 'forwards', PAGE_SIZE, filter);
        const events = rows.map((r) => decodeRow(r, this.upcasters, false));
        const last = events.length === 0 ? seq : Number(events[events.length - 1]!.position.commit);
        return { events, scannedTo: rows.length === PAGE_SIZE ? last : Math.max(head, last) };
      },
      onCommit: (listener: () => void): (() => void) => {
        this.commitListeners.add(listener);
        return () => this.commitListeners.delete(listener);
      },
    };
    const subscription = new SqliteSubscription(source, after, options.filter, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | null> {
    const seq = this.reads.headPosition();
    if (seq === null) return null;
    const big = BigInt(seq);
    return { commit: big, prepare: big };
  }

  /** A read that outlives the store fails rather than ending as if the stream or log ended there. */
  private assertOpen(): void {
    if (this.closed) throw new Error('Event store is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are written before the connection goes.
    this.writer.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (!this.db.readonly) leaveAtRest(this.db);
    this.db.close();
  }
}

function nextCursor(rows: readonly EventRow[], direction: Direction, column: 0 | 3): number {
  const last = rows[rows.length - 1]![column];
  return direction === 'forwards' ? last + 1 : last - 1;
}
