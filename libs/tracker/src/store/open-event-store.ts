// Chooses and opens the event store adapter named by configuration (EVENT_STORE=sqlite|esdb).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EsdbEventStore, type EventStore, SqliteEventStore } from '@ogp/event-store';
import type { ResolvedConfig } from '../config/app-config';
import { StartUpError } from '../config/start-up-error';
import { openStoreFile } from '../config/start-up-failure';

/**
 * How a process uses its stores. 'read-write': the server and the CLI commands that write. 'read-only': commands
 * that only read (verify, export, replay): the SQLite files must exist, are opened read-only, and nothing is created.
 */
export type StoreAccess = 'read-write' | 'read-only';

export function openEventStore(config: ResolvedConfig, access: StoreAccess = 'read-write'): EventStore {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      return openSqliteEventStore(config, access);
    case 'esdb':
      // Validation guarantees the connection string is present when EVENT_STORE=esdb.
      return new EsdbEventStore({ connectionString: config.EVENTSTORE_CONNECTION_STRING ?? '' });
    default: {
      const unknown: never = config.EVENT_STORE;
      throw new Error(`Unknown EVENT_STORE ${String(unknown)}`);
    }
  }
}

function openSqliteEventStore(config: ResolvedConfig, access: StoreAccess): EventStore {
  const file = join(config.DATA_DIR, 'events.sqlite');
  if (access === 'read-only' && !existsSync(file)) {
    // A reader must not create an empty store where it was pointed at the wrong directory.
    throw new StartUpError(`There is no event store at ${file}: set DATA_DIR to the directory that holds events.sqlite.`);
  }
  return openStoreFile(file, () => new SqliteEventStore({ file, synchronous: config.SQLITE_SYNCHRONOUS, readonly: access === 'read-only' }));
}
