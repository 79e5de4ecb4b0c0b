// Chooses and opens the event store adapter named by configuration (EVENT_STORE=sqlite|esdb).
import { join } from 'node:path';
import { EsdbEventStore, type EventStore, SqliteEventStore } from '@ogp/event-store';
import type { ResolvedConfig } from '../config/app-config';

export function openEventStore(config: ResolvedConfig): EventStore {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      return new SqliteEventStore({ file: join(config.DATA_DIR, 'events.sqlite'), synchronous: config.SQLITE_SYNCHRONOUS });
    case 'esdb':
      // Validation guarantees the connection string is present when EVENT_STORE=esdb.
      return new EsdbEventStore({ connectionString: config.EVENTSTORE_CONNECTION_STRING ?? '' });
    default: {
      const unknown: never = config.EVENT_STORE;
      throw new Error(`Unknown EVENT_STORE ${String(unknown)}`);
    }
  }
}
