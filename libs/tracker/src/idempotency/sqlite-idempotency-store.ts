// IdempotencyStore adapter on SQLite (DATA_DIR/idempotency.sqlite): records survive restarts.
import Database from 'better-sqlite3';
import type { Clock } from '../clock/clock';
import type { IdempotencyDecision, IdempotencyScope, IdempotencyStore, RecordedResponse } from './idempotency-store';

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
}

/** Records past their retention are deleted at most this often, in one statement, by the begin that finds it due. */
const PURGE_EVERY_MS = 60_000;

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly staleClaimMs: number;
  private readonly retentionMs: number;
  private nextPurge = 0;

  constructor(options: SqliteIdempotencyStoreOptions) {
    this.clock = options.clock;
    this.staleClaimMs = options.staleClaimMs ?? 60_000;
    this.retentionMs = options.retentionMs ?? 0;
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
