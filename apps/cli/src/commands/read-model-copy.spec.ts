// The copy of the live read models that replay and export work on: one consistent snapshot, even while a server
// commits to the live file many times a second (SQLite's online backup started over at each commit, and never ended).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDb } from '@ogp/projections';
import { snapshotReadModels } from './read-model-copy';

const WRITER = `
const Database = require(process.argv[3]);
const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
const insert = db.prepare('INSERT INTO rows (n, body) VALUES (?, ?)');
let n = 0;
process.send('writing');
const timer = setInterval(() => { insert.run(++n, 'x'.repeat(200)); }, 2);
process.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

describe('snapshotReadModels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-read-model-copy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a server committing every 2 ms, copies a consistent snapshot in about one pass', async () => {
    const live = join(dir, 'read-models.sqlite');
    const db = openReadModelDb({ file: live });
    db.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY, body TEXT)');
    const fill = db.prepare('INSERT INTO rows (n, body) VALUES (?, ?)');
    // About 20 MB: some thousands of pages, many backup steps.
    db.transaction(() => {
      for (let i = 1; i <= 80_000; i++) fill.run(-i, 'y'.repeat(200));
    })();
    db.close();
    const script = join(dir, 'writer.js');
    writeFileSync(script, WRITER);
    const writer = fork(script, [live, require.resolve('better-sqlite3')], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => writer.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      snapshotReadModels(live, join(dir, 'copy.sqlite'));
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      writer.send('stop');
      await new Promise((resolve) => writer.once('exit', resolve));
    }
    const copy = openReadModelDb({ file: join(dir, 'copy.sqlite'), readonly: true });
    const [prefilled, written, max] = [copy.prepare('SELECT count(*) FROM rows WHERE n < 0').pluck().get(), copy.prepare('SELECT count(*) FROM rows WHERE n > 0').pluck().get(), copy.prepare('SELECT coalesce(max(n), 0) FROM rows').pluck().get()];
    copy.close();
    // Every row committed before the snapshot, and no gap among the writer's: one transaction's view.
    expect(prefilled).toBe(80_000);
    expect(written).toBe(max);
  }, 30_000);
});
