// IdempotencyStore adapter on SQLite (DATA_DIR/idempotency.sqlite): records survive restarts.
import Database from 'better-sqlite3';
import { comparePositions, type Position } from '@ogp/event-store';
import type { Clock } from '../clock/clock';
import type { IdempotencyDecision, IdempotencyScope, IdempotencyStore, RecordedResponse } from './idempotency-store';
import { answeredEvents } from './recorded-events';

interface RecordRow {
  request_hash: string;
  state: 'pending' | 'done';
  status: number | null;
  content_type: string | null;
  body: string | null;
  etag: string | null;
  claimed_at: number;
}

export interface SqliteIdempotencyStoreOptions {
  readonly file: string;
  readonly clock: Clock;
  /** A claim older than this is taken to belong to a process that died mid-request, and may be taken over. */
  readonly staleClaimMs?: number;
  /**
   * How long a record is kept after its request first came (0 or absent: forever). Past it the key is free again, so
   * the file does not grow with every write ever made; a command retried that late is still answered from the
   * events its first try wrote, when its stream still holds them near its end (IssueCommand.committedBy).
   */
  readonly retentionMs?: number;
  /**
   * Whether the events a recorded answer names are still in the event store (answerBackedBy). An answer they are not
   * (the store was restored from an older backup) is dropped instead of replayed, and the request runs again: told
   * "done" (Idempotent-Replayed), its client would never send it again. Absent: every answer is replayed.
   */
  readonly answerHolds?: (response: RecordedResponse) => Promise<boolean>;
}

/** Records past their retention are deleted at most this often, in one statement, by the begin that finds it due. */
const PURGE_EVERY_MS = 60_000;

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly staleClaimMs: number;
  private readonly retentionMs: number;
  private readonly answerHolds: (response: RecordedResponse) => Promise<boolean>;
  private nextPurge = 0;

  constructor(options: SqliteIdempotencyStoreOptions) {
    this.clock = options.clock;
    this.staleClaimMs = options.staleClaimMs ?? 60_000;
    this.retentionMs = options.retentionMs ?? 0;
    this.answerHolds = options.answerHolds ?? (() => Promise.resolve(true));
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 opens WAL databases with synchronous=NORMAL: an acknowledged revocation or recorded answer could
    // be lost to a power cut while the events it relates to (FULL) survive.
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_records (
      api_key_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      state TEXT NOT NULL,
      status INTEGER,
      content_type TEXT,
      body TEXT,
      etag TEXT,
      claimed_at INTEGER NOT NULL,
      PRIMARY KEY (api_key_id, idempotency_key)
    );
    CREATE INDEX IF NOT EXISTS idempotency_records_by_claim ON idempotency_records (claimed_at)`);
  }

  async begin(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyDecision> {
    const decision = this.decide(scope, requestHash);
    if (decision.type !== 'replay' || (await this.answerHolds(decision.response))) return decision;
    // Only the record read (same body): a concurrent retry may have dropped it and claimed the key meanwhile.
    this.db
      .prepare(`DELETE FROM idempotency_records WHERE api_key_id = ? AND idempotency_key = ? AND state = 'done' AND body IS ?`)
      .run(scope.apiKeyId, scope.idempotencyKey, decision.response.body);
    return this.decide(scope, requestHash);
  }

  /**
   * Drops the recorded answers that name a position beyond the event store's head (null: an empty store), whose
   * events the store cannot hold; returns how many. Run at start: the replay check (answerHolds) catches the rest.
   */
  dropAnswersBeyond(head: Position | null): number {
    const rows = this.db
      .prepare(`SELECT api_key_id, idempotency_key, body FROM idempotency_records WHERE state = 'done' AND body LIKE '%"position"%'`)
      .all() as { api_key_id: string; idempotency_key: string; body: string }[];
    const drop = this.db.prepare('DELETE FROM idempotency_records WHERE api_key_id = ? AND idempotency_key = ?');
    let dropped = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        const answered = answeredEvents(row.body);
        if (answered === null || (head !== null && comparePositions(answered.position, head) <= 0)) continue;
        drop.run(row.api_key_id, row.idempotency_key);
        dropped++;
      }
    })();
    return dropped;
  }

  private decide(scope: IdempotencyScope, requestHash: string): IdempotencyDecision {
    // better-sqlite3 is synchronous, so this read-then-write cannot interleave with another request's.
    const decide = this.db.transaction((): IdempotencyDecision => {
      const now = this.clock.now().getTime();
      this.purgeIfDue(now);
      let row = this.db
        .prepare('SELECT * FROM idempotency_records WHERE api_key_id = ? AND idempotency_key = ?')
        .get(scope.apiKeyId, scope.idempotencyKey) as RecordRow | undefined;
      if (row && this.expired(row.claimed_at, now)) {
        // Past its retention (the purge had not come yet): the key is free, whatever the record says.
        this.db.prepare('DELETE FROM idempotency_records WHERE api_key_id = ? AND idempotency_key = ?').run(scope.apiKeyId, scope.idempotencyKey);
        row = undefined;
      }
      if (!row) {
        this.db
          .prepare(
            `INSERT INTO idempotency_records (api_key_id, idempotency_key, request_hash, state, claimed_at) VALUES (?, ?, ?, 'pending', ?)`,
          )
          .run(scope.apiKeyId, scope.idempotencyKey, requestHash, now);
        return { type: 'proceed' };
      }
      if (row.request_hash !== requestHash) return { type: 'key-reused' };
      if (row.state === 'done') {
        return {
          type: 'replay',
          response: { status: row.status ?? 200, contentType: row.content_type ?? 'application/json', body: row.body ?? '', etag: row.etag },
        };
      }
      if (now - row.claimed_at < this.staleClaimMs) return { type: 'in-flight' };
      this.db
        .prepare('UPDATE idempotency_records SET claimed_at = ? WHERE api_key_id = ? AND idempotency_key = ?')
        .run(now, scope.apiKeyId, scope.idempotencyKey);
      return { type: 'proceed' };
    });
    return decide();
  }

  async complete(scope: IdempotencyScope, response: RecordedResponse): Promise<void> {
    this.db
      .prepare(
        `UPDATE idempotency_records SET state = 'done', status = ?, content_type = ?, body = ?, etag = ?
         WHERE api_key_id = ? AND idempotency_key = ?`,
      )
      .run(response.status, response.contentType, response.body, response.etag, scope.apiKeyId, scope.idempotencyKey);
  }

  async release(scope: IdempotencyScope): Promise<void> {
    this.db
      .prepare(`DELETE FROM idempotency_records WHERE api_key_id = ? AND idempotency_key = ? AND state = 'pending'`)
      .run(scope.apiKeyId, scope.idempotencyKey);
  }

  private expired(claimedAt: number, now: number): boolean {
    return this.retentionMs > 0 && now - claimedAt >= this.retentionMs;
  }

  private purgeIfDue(now: number): void {
    if (this.retentionMs <= 0 || now < this.nextPurge) return;
    this.nextPurge = now + PURGE_EVERY_MS;
    this.db.prepare('DELETE FROM idempotency_records WHERE claimed_at <= ?').run(now - this.retentionMs);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
