// Public surface of @ogp/event-store: the port, its errors, position helpers, its adapters.
// The contract suite (contract/event-store.contract.ts) uses jest globals, so adapters' specs import it directly.
export * from './port';
export * from './errors';
export * from './position';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { leaveAtRest, type SqliteSynchronous } from './sqlite/schema';
export { isDamagedDatabaseError, setAsideDamagedFile } from './sqlite/damaged-file';
export { openReadOnlyEventDb } from './sqlite/open-read-only';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
