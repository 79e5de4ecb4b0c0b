// KeyStore adapter on SQLite (DATA_DIR/access.sqlite; ':memory:' in tests).
import Database from 'better-sqlite3';
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

export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  /** Every request authenticates: its statement is prepared once, not per call. */
  private readonly byId: Database.Statement<[string], KeyRow>;

  constructor(file: string, private readonly clock: Clock) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 opens WAL databases with synchronous=NORMAL: an acknowledged revocation or recorded answer could
    // be lost to a power cut while the events it relates to (FULL) survive.
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
      id TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      name TEXT NOT NULL,
      member TEXT,
      secret_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    )`);
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
    const row = this.byId.get(parsed.id);
    if (!row || row.revoked_at !== null || !secretMatches(parsed.secret, row.secret_hash)) return null;
    const record = toRecord(row);
    return { keyId: record.id, role: record.role, name: record.name, member: record.member };
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    const rows = this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as KeyRow[];
    return rows.map(toRecord);
  }

  async revoke(id: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.clock.now().toISOString(), id);
    return result.changes === 1;
  }

  async countActive(role: Role): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE role = ? AND revoked_at IS NULL').get(role) as { n: number };
    return row.n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toRecord(row: KeyRow): ApiKeyRecord {
  if (!isRole(row.role)) throw new Error(`Stored key ${row.id} has an unknown role ${row.role}`);
  return { id: row.id, role: row.role, name: row.name, member: row.member, createdAt: row.created_at, revokedAt: row.revoked_at };
}
