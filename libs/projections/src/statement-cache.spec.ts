import Database from 'better-sqlite3';
import { cachedStatement, firstRows } from './statement-cache';

describe('firstRows', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY); INSERT INTO t (n) VALUES (1), (2), (3), (4), (5)');
  const stmt = cachedStatement(db, 'SELECT n FROM t WHERE n >= ? ORDER BY n');
  const ns = (rows: unknown[]): number[] => rows.map((row) => (row as { n: number }).n);

  it('returns every row without a limit, and the first ones with one', () => {
    expect(ns(firstRows(stmt, [2], undefined))).toEqual([2, 3, 4, 5]);
    expect(ns(firstRows(stmt, [2], 2))).toEqual([2, 3]);
    expect(ns(firstRows(stmt, [2], 10))).toEqual([2, 3, 4, 5]);
    expect(firstRows(stmt, [2], 0)).toEqual([]);
  });

  it('leaves the statement ready for the next run after stopping early', () => {
    expect(ns(firstRows(stmt, [1], 1))).toEqual([1]);
    expect(ns(firstRows(stmt, [4], undefined))).toEqual([4, 5]);
    // a statement left mid-iteration would make the write below fail with "This database connection is busy"
    db.prepare('INSERT INTO t (n) VALUES (6)').run();
    expect(ns(firstRows(stmt, [5], 5))).toEqual([5, 6]);
  });
});
