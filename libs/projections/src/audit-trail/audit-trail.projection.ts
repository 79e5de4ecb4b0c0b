// The audit trail read model: one row per domain event with who, when, why, the business date and its hash.
import type { StoredEvent } from '@ogp/event-store';
import { canonicalize } from '@ogp/ledger';
import type { Projection, ReadModelDb, Statement } from '../projection';
import { sqlInt } from '../positions';
import { isEntityStream } from '../streams';

export const AUDIT_TABLE = 'audit_events';

const insertSql = `INSERT INTO ${AUDIT_TABLE} (commit_pos, prepare_pos, event_id, stream, revision, type, schema_version,
  recorded_at, effective_at, hash, data, metadata) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`;

export function setupAuditTrail(db: ReadModelDb): void {
  // seq is the order of application (the global order), so two builds of one history number rows alike.
  db.exec(`CREATE TABLE IF NOT EXISTS ${AUDIT_TABLE} (
    seq INTEGER PRIMARY KEY,
    commit_pos INTEGER NOT NULL,
    prepare_pos INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    effective_at TEXT,
    hash TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL
  )`);
  createAuditIndexes(db);
}

function createAuditIndexes(db: ReadModelDb): void {
  db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${AUDIT_TABLE}_stream ON ${AUDIT_TABLE} (stream, revision);
  CREATE INDEX IF NOT EXISTS ${AUDIT_TABLE}_recorded ON ${AUDIT_TABLE} (recorded_at);`);
}

export function effectiveAtOf(event: Pick<StoredEvent, 'data'>): string | null {
  const value = event.data['effectiveAt'];
  return typeof value === 'string' ? value : null;
}

/**
 * RFC 8785 texts of the event's data (as upcast) and metadata. A rebuild reads the store raw and reuses the stored
 * texts when no upcaster changed the data; the live path canonicalizes the parsed event, which gives the same text
 * (canonicalizing a parsed canonical text is the identity), so live and rebuilt rows are equal byte for byte.
 */
export function canonicalTexts(e: StoredEvent): { data: string; metadata: string } {
  const raw = e.raw;
  return {
    data: raw !== undefined && raw.schemaVersion === e.schemaVersion ? raw.data : canonicalize(e.data),
    metadata: raw !== undefined ? raw.metadata : canonicalize(e.metadata),
  };
}

export function auditTrailProjection(): Projection {
  let insert: Statement | null = null;
  return {
    name: 'audit-trail',
    version: 1,
    tables: [AUDIT_TABLE],
    setup(db) {
      setupAuditTrail(db);
      insert = db.prepare(insertSql);
    },
    beginBulk(db) {
      if (db.prepare(`SELECT 1 FROM ${AUDIT_TABLE} LIMIT 1`).get() !== undefined) return;
      db.exec(`DROP INDEX IF EXISTS ${AUDIT_TABLE}_stream; DROP INDEX IF EXISTS ${AUDIT_TABLE}_recorded;`);
    },
    endBulk(db) {
      createAuditIndexes(db);
    },
    apply(_db, e) {
      if (!isEntityStream(e.stream)) return;
      const texts = canonicalTexts(e);
      insert!.run(
        sqlInt(e.position.commit),
        sqlInt(e.position.prepare),
        e.id,
        e.stream,
        sqlInt(e.revision),
        e.type,
        e.schemaVersion,
        e.metadata.recordedAt,
        effectiveAtOf(e),
        e.hash,
        texts.data,
        texts.metadata,
      );
    },
  };
}
