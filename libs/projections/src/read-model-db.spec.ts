// The live read models are a cache of the event store: a file that is not a readable database is set aside, not fatal.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLiveReadModels, openReadModelDb } from './read-model-db';

describe('openLiveReadModels', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ogp-read-model-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a readable database, opens it as it is', () => {
    const file = join(dir, 'read-models.sqlite');
    const first = openReadModelDb({ file });
    first.exec('CREATE TABLE kept (x); INSERT INTO kept VALUES (42)');
    first.close();
    const { db, setAside } = openLiveReadModels(file);
    expect(setAside).toBeNull();
    expect(db.prepare('SELECT x FROM kept').pluck().get()).toBe(42);
    db.close();
  });

  it('given a file that is not a database, sets it aside untouched and opens an empty one', () => {
    const file = join(dir, 'read-models.sqlite');
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    const { db, setAside } = openLiveReadModels(file, () => 1234);
    expect(setAside).toBe(`${file}.damaged-1234`);
    expect(readFileSync(setAside!)).toEqual(garbage);
    expect(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get()).toBe(0);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(existsSync(file)).toBe(true);
  });

  it('given a database whose header was overwritten, sets it aside', () => {
    const file = join(dir, 'read-models.sqlite');
    const first = openReadModelDb({ file });
    first.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    first.close();
    const bytes = readFileSync(file);
    bytes.fill(0x41, 0, 100);
    writeFileSync(file, bytes);
    const { db, setAside } = openLiveReadModels(file, () => 5);
    expect(setAside).toBe(`${file}.damaged-5`);
    db.close();
  });
});
