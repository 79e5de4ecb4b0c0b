// Whether read models were built from the event store they are about to follow: a store restored from an older
// backup under newer read models would otherwise be served as of events it does not hold, and the events written
// since at the positions the read models think they applied would never be applied.
import { comparePositions, type EventStore, type Position, positionToString } from '@ogp/event-store';
import type { ReadModelDb } from '../projection';
import { AUDIT_TABLE } from '../audit-trail/audit-trail.projection';
import { isEntityStream } from '../streams';
import { CHECKPOINT_TABLE, readAllCheckpoints, readCheckpoint } from './checkpoints';

interface LastAuditRow {
  commit_pos: bigint;
  prepare_pos: bigint;
  event_id: string;
}

/**
 * Why the read models in `db` are not of `store` (a sentence), or null when they are. Two checks, both cheap:
 * - no checkpoint may be beyond the store's head;
 * - the last event the audit trail applied (it keeps every entity event's id by position) must be the one the store
 *   holds at that position, and the store may hold no entity event between it and the audit trail's checkpoint
 *   (the events the read models skipped there were ledger checkpoints or keys, which they do not show).
 * The ledger log checks its index the same way (LedgerLog.resume). Call it before the runner starts.
 */
export async function whyReadModelsAreNotOfStore(db: ReadModelDb, store: EventStore): Promise<string | null> {
  if (!tableExists(db, CHECKPOINT_TABLE)) return null;
  const head = await store.headPosition();
  for (const checkpoint of readAllCheckpoints(db)) {
    if (checkpoint.position === null) continue;
    if (head === null || comparePositions(checkpoint.position, head) > 0) {
      const where = head === null ? 'the event store is empty' : `the event store's head is ${positionToString(head)}`;
      return `the ${checkpoint.name} read model has applied events up to position ${positionToString(checkpoint.position)}, but ${where}`;
    }
  }
  const auditCheckpoint = readCheckpoint(db, 'audit-trail')?.position ?? null;
  if (auditCheckpoint === null || !tableExists(db, AUDIT_TABLE)) return null;
  return whyAuditTrailIsNotOfStore(db, store, auditCheckpoint);
}

async function whyAuditTrailIsNotOfStore(db: ReadModelDb, store: EventStore, applied: Position): Promise<string | null> {
  const row = db.prepare(`SELECT commit_pos, prepare_pos, event_id FROM ${AUDIT_TABLE} ORDER BY seq DESC LIMIT 1`).safeIntegers(true).get() as
    | LastAuditRow
    | undefined;
  const last = row === undefined ? null : { position: { commit: row.commit_pos, prepare: row.prepare_pos }, eventId: row.event_id };
  const missing = last === null ? '' : `the audit trail's last event is ${last.eventId} at position ${positionToString(last.position)}, which the event store does not hold there`;
  let first = true;
  for await (const event of store.readAll({ fromPosition: last?.position ?? 'start' })) {
    if (comparePositions(event.position, applied) > 0) break;
    if (first && last !== null) {
      first = false;
      if (comparePositions(event.position, last.position) !== 0 || event.id.toLowerCase() !== last.eventId.toLowerCase()) return missing;
      continue;
    }
    first = false;
    if (isEntityStream(event.stream)) {
      return `the event store holds event ${event.id} at position ${positionToString(event.position)}, which they have not applied, though they have applied events up to position ${positionToString(applied)}`;
    }
  }
  return first && last !== null ? missing : null;
}

function tableExists(db: ReadModelDb, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}
