// The CLI refused by what the operator can fix (DATA_DIR, a damaged store): one line saying what is wrong and what to
// do, exit code 1, no stack or Nest report, and nothing written beside the damaged store.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT_DIR = resolve(__dirname, '..');

function cli(dataDir: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: ROOT_DIR, env: { ...process.env, DATA_DIR: dataDir } }, (error, stdout, stderr) =>
      done({ code: error === null ? 0 : Number(error.code ?? -1), output: `${stdout}${stderr}` }),
    );
  });
}

/** The output's lines other than a command's own warnings (verify's about a missing public key). */
function reportLines(output: string): string[] {
  return output
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('warning: '));
}

describe('the CLI refused by what the operator can fix', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogp-cli-start-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names DATA_DIR when a file holds its name', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const run = await cli(file, 'seed', '--demo');
    expect(run.code).toBe(1);
    expect(reportLines(run.output)).toEqual([expect.stringMatching(new RegExp(`^DATA_DIR=${file} is not a directory \\(EEXIST.*\\): set DATA_DIR to a directory`))]);
  }, 60_000);

  it.each([['seed', '--demo'], ['verify']])('`%s` refuses a damaged events.sqlite in one line, writing nothing', async (...command) => {
    const dir = join(root, command[0]!);
    mkdirSync(dir);
    const damaged = Buffer.alloc(8192, 0x5a);
    writeFileSync(join(dir, 'events.sqlite'), damaged);
    const run = await cli(dir, ...command);
    expect(run.code).toBe(1);
    expect(reportLines(run.output)).toEqual([
      `${join(dir, 'events.sqlite')} is not an intact SQLite database (file is not a database, SQLITE_NOTADB): restore it from a backup, or set DATA_DIR to the directory of an intact store.`,
    ]);
    expect(readdirSync(dir)).toEqual(['events.sqlite']);
    expect(readFileSync(join(dir, 'events.sqlite')).equals(damaged)).toBe(true);
  }, 60_000);

  it('shows the stack of a fault of ours (an SQLite error no explanation covers), so that it can be reported', async () => {
    const dir = join(root, 'fault');
    mkdirSync(dir);
    // A readable database whose audit table lacks the columns the read models index: not an operator's mistake.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'read-models.sqlite'));
    db.exec('CREATE TABLE audit_events (x)');
    db.close();
    expect((await cli(dir, 'seed', '--demo')).code).toBe(0);
    const run = await cli(dir, 'replay');
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/no such column/);
    expect(run.output).toMatch(/\n\s+at /);
  }, 60_000);

  it('creates nothing for a mistyped command', async () => {
    const dir = join(root, 'never-made');
    const run = await cli(dir, 'verfy');
    expect(run.code).toBe(1);
    expect(() => readdirSync(dir)).toThrow();
  }, 60_000);
});
