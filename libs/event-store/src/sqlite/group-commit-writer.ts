// The single SQLite writer: appends arriving together are committed in one transaction (group commit).
import type Database from 'better-sqlite3';
import { type CanonicalEvent, chainEvents, sameContent } from '../chain-entry';
import { DuplicateEventIdError } from '../errors';
import { checkExpectation } from '../expectation';
import type { AppendResult, ExpectedRevision } from '../port';

interface PendingAppend {
  readonly stream: string;
  readonly events: readonly CanonicalEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Head {
  readonly revision: bigint;
  readonly hash: string;
}

/** What the idempotency check needs of an event already stored (or already placed in this batch). */
interface KnownEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataText: string;
  readonly metadataText: string;
}

type InsertRow = [number, string, string, number | bigint, string, number, string, string, string, string | null];
type Outcome = { readonly ok: AppendResult } | { readonly error: unknown };

/**
 * Appends are queued and flushed on the next turn of the event loop: one BEGIN IMMEDIATE..COMMIT per batch, so
 * one fsync serves every caller of the batch. Each caller's expectation and idempotency are checked in memory
 * against the batch's running state before anything is written, so one caller's conflict never fails the others.
 * Promises settle only after COMMIT returned (durable at synchronous=FULL).
 */
export class GroupCommitWriter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly headStmt: Database.Statement<[string], unknown[]>;
  private readonly byIdStmt: Database.Statement<[string], unknown[]>;
  private readonly maxPositionStmt: Database.Statement<[], unknown>;
  private readonly insertStmt: Database.Statement<InsertRow>;
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;

  constructor(
    db: Database.Database,
    private readonly onCommitted: () => void,
  ) {
    this.headStmt = db.prepare<[string], unknown[]>('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').raw(true);
    this.byIdStmt = db
      .prepare<[string], unknown[]>('SELECT position, stream, revision, type, schema_version, data, metadata FROM events WHERE id = ?')
      .raw(true);
    this.maxPositionStmt = db.prepare<[], unknown>('SELECT max(position) FROM events').pluck(true);
    this.insertStmt = db.prepare<InsertRow>(
      'INSERT INTO events (position, id, stream, revision, type, schema_version, data, metadata, hash, prev_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.commitBatch = db.transaction((batch: PendingAppend[]) => this.writeBatch(batch));
  }

  enqueue(stream: string, events: readonly CanonicalEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate (not a microtask): lets every request that arrived in this I/O turn join the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes whatever is queued now; also called on close so that no accepted append is dropped. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    let wrote = false;
    for (let i = 0; i < batch.length; i++) {
      const outcome = outcomes[i]!;
      if ('ok' in outcome) {
        wrote = true;
        batch[i]!.resolve(outcome.ok);
      } else batch[i]!.reject(outcome.error);
    }
    if (wrote) this.onCommitted();
  }

  private writeBatch(batch: PendingAppend[]): Outcome[] {
    const heads = new Map<string, Head | null>();
    const placed = new Map<string, KnownEvent>();
    let next = Number((this.maxPositionStmt.get() as number | null) ?? 0) + 1;
    const outcomes: Outcome[] = [];
    for (const p of batch) {
      let chained;
      try {
        const retry = this.retriedResult(p, placed);
        if (retry) {
          outcomes.push({ ok: retry });
          continue;
        }
        const head = heads.has(p.stream) ? heads.get(p.stream)! : this.readHead(p.stream);
        checkExpectation(p.stream, p.expected, head ? head.revision : null);
        chained = chainEvents(p.stream, head, p.events);
      } catch (error) {
        outcomes.push({ error });
        continue;
      }
      // Outside the try: a failing INSERT is a storage fault and must abort the whole transaction.
      for (const c of chained) {
        const position = next++;
        this.insertStmt.run(position, c.id, p.stream, c.revision, c.type, c.schemaVersion, c.dataText, c.metadataText, c.hash, c.prevHash);
        placed.set(c.id, { stream: p.stream, revision: c.revision, position, type: c.type, schemaVersion: c.schemaVersion, dataText: c.dataText, metadataText: c.metadataText });
      }
      const last = chained[chained.length - 1]!;
      heads.set(p.stream, { revision: last.revision, hash: last.hash });
      const seq = BigInt(next - 1);
      outcomes.push({ ok: { nextRevision: last.revision, position: { commit: seq, prepare: seq } } });
    }
    return outcomes;
  }

  private readHead(stream: string): Head | null {
    const row = this.headStmt.get(stream) as [number, string] | undefined;
    return row ? { revision: BigInt(row[0]), hash: row[1] } : null;
  }

  /** Ids already stored with the same content: the original result. Any other overlap is a clash. */
  private retriedResult(p: PendingAppend, placed: Map<string, KnownEvent>): AppendResult | null {
    let found = 0;
    let last: KnownEvent | null = null;
    for (const e of p.events) {
      const known = placed.get(e.id) ?? this.readKnown(e.id);
      if (!known) continue;
      if (!sameContent(known, p.stream, e)) throw new DuplicateEventIdError(e.id, p.stream);
      found++;
      if (!last || known.position > last.position) last = known;
    }
    if (found === 0 || !last) return null;
    if (found !== p.events.length) {
      const stored = p.events.find((e) => placed.has(e.id) || this.readKnown(e.id))!;
      throw new DuplicateEventIdError(stored.id, p.stream);
    }
    const seq = BigInt(last.position);
    return { nextRevision: last.revision, position: { commit: seq, prepare: seq } };
  }

  private readKnown(id: string): KnownEvent | null {
    const r = this.byIdStmt.get(id) as [number, string, number, string, number, string, string] | undefined;
    if (!r) return null;
    return { position: r[0], stream: r[1], revision: BigInt(r[2]), type: r[3], schemaVersion: r[4], dataText: r[5], metadataText: r[6] };
  }
}
