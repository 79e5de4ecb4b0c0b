// A source rule, since no timing test could hold it: no SQL of ours binds a bare `LIMIT ?` (see statement-cache.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('SQL limits', () => {
  it('are never a bare bound `LIMIT ?`, which makes SQLite compile the statement again on every run', () => {
    const offenders = ['libs', 'apps'].flatMap((top) => sourceFiles(join(ROOT, top))).filter((file) => /LIMIT \?(?!\+0)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
