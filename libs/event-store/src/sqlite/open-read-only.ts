// A read-only connection to an event store file, for tools (verifier, export) that must never write.
import Database from 'better-sqlite3';

export function openReadOnlyEventDb(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  return db;
}
