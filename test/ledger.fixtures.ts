// What the ledger tests share: a progress-claim event, a store's offline export, and the forger's stream rewrite.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EventStore, NewEvent } from '@ogp/event-store';
import { eventHash, type ExportedEvent } from '@ogp/ledger';
import { toExportEventLine } from '@ogp/projections';

export function auditMetadata(actorRole: 'admin' | 'system' = 'admin'): NewEvent['metadata'] {
  return {
    actorId: actorRole === 'system' ? 'ledger' : 'admin-1',
    actorRole,
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: null,
    reason: null,
    recordedAt: '2026-03-01T00:00:00.000Z',
  };
}

/** A progress claim whose narrative is `claim <i>` (tamper tests edit that text in place). */
export function progressClaim(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'ProgressClaimed',
    schemaVersion: 1,
    data: { milestoneId: `m-${i}`, status: 'Substantial', narrative: `claim ${i}` },
    metadata: auditMetadata('admin'),
  };
}

/** The export a reviewer takes: every event in global order with the exact texts that were hashed. */
export async function* exportedEvents(store: EventStore): AsyncIterable<ExportedEvent> {
  for await (const e of store.readAll({ raw: true })) yield toExportEventLine(e);
}

/**
 * What a careful forger does with write access to the file: changes every event of one stream ('Substantial' claims
 * become 'Complete') and recomputes the stream's whole hash chain, so that every link checks out again.
 */
export function rewriteStreamWithFreshChain(db: Database.Database, stream: string): void {
  const rows = db.prepare('SELECT position, revision, type, schema_version, data, metadata FROM events WHERE stream = ? ORDER BY revision').all(stream) as {
    position: number;
    revision: number;
    type: string;
    schema_version: number;
    data: string;
    metadata: string;
  }[];
  let prevHash: string | null = null;
  const update = db.prepare('UPDATE events SET data = ?, hash = ?, prev_hash = ? WHERE position = ?');
  for (const r of rows) {
    const data = r.data.replace('Substantial', 'Complete');
    const hash = eventHash({ stream, revision: r.revision, type: r.type, schemaVersion: r.schema_version, data, metadata: r.metadata, prevHash });
    update.run(data, hash, prevHash, r.position);
    prevHash = hash;
  }
}
