// Deterministic checksum of a read model: SHA-256 over its tables' rows in primary-key order, wall-clock columns
// and the checkpoint table excluded, so that two builds of the same history give the same digest.
import { createHash, type Hash } from 'node:crypto';
import type { Projection, ReadModelDb } from '../projection';

interface ColumnInfo {
  name: string;
  pk: number;
}

function orderedColumns(db: ReadModelDb, table: string, volatile: ReadonlySet<string>): { select: string; order: string } {
  const info = db.prepare(`PRAGMA table_info("${table}")`).all() as ColumnInfo[];
  if (info.length === 0) throw new Error(`No table ${table}`);
  const kept = info.filter((c) => !volatile.has(c.name)).map((c) => `"${c.name}"`);
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
  return { select: kept.join(', '), order: pk.length > 0 ? pk.join(', ') : 'rowid' };
}

function hashValue(hash: Hash, value: unknown): void {
  // Type-tagged and length-prefixed so that no two different rows serialize alike.
  if (value === null || value === undefined) hash.update('n;');
  else if (typeof value === 'bigint' || typeof value === 'number') hash.update(`i${value.toString()};`);
  else if (typeof value === 'string') hash.update(`s${Buffer.byteLength(value)}:`).update(value);
  else if (Buffer.isBuffer(value)) hash.update(`b${value.length}:`).update(value);
  else throw new TypeError(`Unexpected column value of type ${typeof value}`);
}

/** Hex SHA-256 of one projection's tables. */
export function checksumProjection(db: ReadModelDb, projection: Pick<Projection, 'tables' | 'volatileColumns'>): string {
  const hash = createHash('sha256');
  const volatile = new Set(projection.volatileColumns ?? []);
  for (const table of projection.tables) {
    hash.update(`t${table};`);
    const { select, order } = orderedColumns(db, table, volatile);
    const stmt = db.prepare(`SELECT ${select} FROM "${table}" ORDER BY ${order}`).raw(true).safeIntegers(true);
    for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
      hash.update('r');
      for (const value of row) hashValue(hash, value);
    }
  }
  return hash.digest('hex');
}
