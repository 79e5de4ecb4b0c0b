// `npm run cli -- export` as a pipe's writer: a reader that stops early (`export | head -1`) is not a failed export.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
});
