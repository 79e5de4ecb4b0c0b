// Looks at a DATA_DIR's event store from outside the server: event ids and counts, ledger verification, a rebuild.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { positionToString, SqliteEventStore, type StoredEvent } from '@ogp/event-store';
import { entryHashBytes, formatVerifierKey, merkleLeafHash, merkleRootOf, parseSignerKey, verifyLedger, type VerifyReport } from '@ogp/ledger';
import { catchUp, checksumReadModels, domainStateModel, openReadModelDb, type ReadModelChecksum } from '@ogp/projections';
import { exportedEvents } from '../../ledger.fixtures';

export const eventsFile = (dataDir: string): string => join(dataDir, 'events.sqlite');

/** Event count through a read-only connection: safe while the server runs. */
export function countEvents(dataDir: string): number {
  const db = new Database(eventsFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Ids of every stored event, through a read-only connection. */
export function storedEventIds(dataDir: string): Set<string> {
  const db = new Database(eventsFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    return new Set((db.prepare('SELECT id FROM events').pluck().all() as string[]));
  } finally {
    db.close();
  }
}

/** Every event of a stream, read through the adapter (upcast, typed). Only while no server writes to the file. */
export async function readStream(dataDir: string, stream: string): Promise<StoredEvent[]> {
  const store = new SqliteEventStore({ file: eventsFile(dataDir) });
  const out: StoredEvent[] = [];
  try {
    for await (const event of store.readStream(stream)) out.push(event);
  } finally {
    await store.close();
  }
  return out;
}

/** The server's verifier key, when its signing key file exists (checkpoints are then checked too). */
function verifierKey(dataDir: string): string | undefined {
  const file = join(dataDir, 'ledger-signing.key');
  return existsSync(file) ? formatVerifierKey(parseSignerKey(readFileSync(file, 'utf8').trim())) : undefined;
}

export interface OfflineCheck {
  readonly events: number;
  readonly ledger: VerifyReport;
  /** Checksums of read models rebuilt from the first event into a fresh database. */
  readonly rebuilt: readonly ReadModelChecksum[];
  readonly head: string | null;
  /** The RFC 6962 root over every stored event (base64), as the live ledger log must give it for `events`. */
  readonly root: string;
}

/** Verifies the ledger and rebuilds the read models from the store file; call while the server is down. */
export async function checkOffline(dataDir: string): Promise<OfflineCheck> {
  const store = new SqliteEventStore({ file: eventsFile(dataDir) });
  const db = openReadModelDb({ file: ':memory:' });
  try {
    const key = verifierKey(dataDir);
    const ledger = await verifyLedger(exportedEvents(store), key === undefined ? {} : { publicKey: key });
    const head = await store.headPosition();
    await catchUp({ store, model: domainStateModel, db });
    const leaves: Buffer[] = [];
    for await (const e of store.readAll()) leaves.push(merkleLeafHash(entryHashBytes(e.hash)));
    const root = merkleRootOf(leaves).toString('base64');
    return { events: ledger.events, ledger, rebuilt: checksumReadModels(db, domainStateModel), head: head === null ? null : positionToString(head), root };
  } finally {
    db.close();
    await store.close();
  }
}
