// KeyStore adapter on SQLite (DATA_DIR/access.sqlite; ':memory:' in tests).
import { timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import { leaveAtRest } from '@ogp/event-store';
import type { Clock } from '../clock/clock';
import { mintApiKey, parseApiKey, secretMatches } from './api-key';
import type { ApiKeyRecord, CreatedApiKey, KeyStore, NewApiKey } from './key-store';
import { isRole, type Principal, type Role } from './principal';

interface KeyRow {
  id: string;
  role: string;
  name: string;
  member: string | null;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * How long a verified key is trusted without asking the database again. A revocation through this store takes effect
 * at once (it drops the key from the cache); one written by another process (the CLI's `keys revoke` next to a
 * running API) takes effect within this time.
 */
export const VERIFIED_KEY_TTL_MS = 1_000;
/** Bounds the cache's memory whatever the number of keys presented; past it, the cache starts over. */
const VERIFIED_KEY_CAPACITY = 1_000;

interface VerifiedKey {
  /** The secret that matched the stored hash: comparing bytes costs far less than hashing again (OpenSSL, ~7 µs). */
  readonly secret: Buffer;
  readonly principal: Principal;
  readonly until: number;
}

export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  /** Every request authenticates: its statement is prepared once, not per call. */
  private readonly byId: Database.Statement<[string], KeyRow>;
  /**
   * Keys verified lately, by key id: a lookup on the file costs each request two fcntl locks (~25 µs here), the
   * cache a constant-time comparison of the presented secret with the one verified. It holds those secrets in memory
   * (as every request carrying them is): expired entries are dropped whenever a key is verified on the file.
   */
  private readonly verified = new Map<string, VerifiedKey>();

  /** With `readonly`, the file must exist and keys can only be read (the CLI's `keys list`): nothing is created. */
  constructor(
    file: string,
    private readonly clock: Clock,
    private readonly verifiedKeyTtlMs = VERIFIED_KEY_TTL_MS,
    readonly = false,
  ) {
    this.db = readonly ? new Database(file, { readonly: true, fileMustExist: true }) : openWritableKeyFile(file);
    this.byId = this.db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE id = ?');
  }

  async create(input: NewApiKey): Promise<CreatedApiKey> {
    if (!isRole(input.role)) throw new RangeError(`Unknown role: ${String(input.role)}`);
    if (input.name.trim() === '') throw new RangeError('A key needs a name');
    const minted = mintApiKey();
    const record: ApiKeyRecord = {
      id: minted.id,
      role: input.role,
      name: input.name,
      member: input.member ?? null,
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
    };
    this.db
      .prepare('INSERT INTO api_keys (id, role, name, member, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(record.id, record.role, record.name, record.member, minted.secretHash, record.createdAt);
    return { record, key: minted.key };
  }

  async authenticate(key: string): Promise<Principal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    // Monotonic time, not the clock: the cache's age is the process's business, not the domain's.
    const now = performance.now();
    const cached = this.verified.get(parsed.id);
    if (cached !== undefined && cached.until > now) {
      // Both are 43 ASCII characters (parseApiKey), so the comparison takes the same time whatever they hold.
      return timingSafeEqual(Buffer.from(parsed.secret, 'latin1'), cached.secret) ? cached.principal : null;
    }
    const row = this.byId.get(parsed.id);
    if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.secret_hash)) return null;
    const record = toRecord(row);
    const principal: Principal = Object.freeze({ keyId: record.id, role: record.role, name: record.name, member: record.member });
    this.remember(parsed.id, { secret: Buffer.from(parsed.secret, 'latin1'), principal, until: now + this.verifiedKeyTtlMs }, now);
    return principal;
  }

  private remember(id: string, key: VerifiedKey, now: number): void {
    for (const [other, entry] of this.verified) if (entry.until <= now) this.verified.delete(other);
    if (this.verified.size >= VERIFIED_KEY_CAPACITY) this.verified.clear();
    this.verified.set(id, key);
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    const rows = this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRow[];
    return rows.map(toRecord);
  }

  async revoke(id: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.clock.now().toISOString(), id);
    // Before answering: once revoke() returns, this process no longer accepts the key.
    this.verified.delete(id);
    return result.changes === 1;
  }

  async countActive(role: Role): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE role = ? AND revoked_at IS NULL').get(role) as { n: number };
    return row.n;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // As the event store: left in rollback-journal mode, so that `keys list` can read it from a read-only directory.
    if (!this.db.readonly) leaveAtRest(this.db);
    this.db.close();
  }
}

function toRecord(row: KeyRow): ApiKeyRecord {
  if (!isRole(row.role)) throw new Error(`Stored key ${row.id} has an unknown role ${row.role}`);
  return { id: row.id, role: row.role, name: row.name, member: row.member, createdAt: row.created_at, revokedAt: row.revoked_at };
}

function openWritableKeyFile(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // better-sqlite3 opens WAL databases with synchronous=NORMAL: an acknowledged revocation or recorded answer could
  // be lost to a power cut while the events it relates to (FULL) survive.
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    member TEXT,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  )`);
  return db;
}
