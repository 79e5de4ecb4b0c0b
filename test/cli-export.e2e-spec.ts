// `npm run cli -- export` as a pipe's writer: a reader that stops early (`export | head -1`) is not a failed export;
// and as a file's: Ctrl-C half-way leaves --out as it was.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@ogp/event-store';
import { progressClaim } from './ledger.fixtures';

const ROOT_DIR = resolve(__dirname, '..');

describe('cli export into a pipe', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-cli-export-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 and prints no error when the reader closes the pipe after the first line', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    // Far more than a pipe's buffer (64 KiB), so that the export is still writing when the reader leaves.
    for (let i = 0; i < 20; i++) await store.append(`commitment-c${i}`, Array.from({ length: 100 }, (_, k) => progressClaim(i * 100 + k)), { expectedRevision: 'any' });
    await store.close();

    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'export', '--kind', 'events'], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = await new Promise<string>((done) => {
      let text = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const end = text.indexOf('\n');
        if (end >= 0) {
          child.stdout!.destroy();
          done(text.slice(0, end));
        }
      });
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(JSON.parse(firstLine)).toMatchObject({ format: 'ogp-ledger-export' });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('leaves --out as it was, and no partial file, when interrupted half-way', async () => {
    const interruptDir = mkdtempSync(join(dataDir, 'interrupt-'));
    const store = new SqliteEventStore({ file: join(interruptDir, 'events.sqlite') });
    // Several megabytes: the export is still writing when the signal comes.
    for (let i = 0; i < 10; i++) await store.append(`commitment-c${i}`, Array.from({ length: 1000 }, (_, k) => progressClaim(i * 1000 + k)), { expectedRevision: 'any' });
    await store.close();
    const out = join(interruptDir, 'ledger.ndjson');
    writeFileSync(out, 'the previous export\n');

    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'export', '--out', out], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATA_DIR: interruptDir },
      stdio: 'ignore',
    });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
    // Ctrl-C as soon as the export has begun writing its file.
    const watcher = watch(interruptDir, (_event, name) => {
      if (name?.endsWith('.partial')) child.kill('SIGINT');
    });
    const { code, signal } = await ended;
    watcher.close();
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(readFileSync(out, 'utf8')).toBe('the previous export\n');
    expect(readdirSync(interruptDir).filter((name) => name.includes('.partial'))).toEqual([]);
  }, 60_000);
});
