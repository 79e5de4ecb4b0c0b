// Specifies `npm start` (main.ts) on a port already taken: the start fails in one line before it makes an admin key.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteKeyStore, SystemClock } from '@ogp/tracker';

const ROOT_DIR = resolve(__dirname, '../../..');

/** Runs `script` until it exits, with `env` over the test's environment. */
async function run(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  return { code, stdout, stderr };
}

describe('npm start on a port already taken, on its first start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-main-'));
  const blocker: Server = createServer();
  let port: number;
  beforeAll(async () => {
    port = await new Promise<number>((done) =>
      blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
    );
  });
  afterAll(async () => {
    await new Promise<void>((done) => blocker.close(() => done()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails in one line with exit code 1, and makes and prints no admin key', async () => {
    const start = await run('apps/api/src/main.ts', [], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
    expect(start.code).toBe(1);
    expect(start.stderr).toBe(
      `ogp-ledger failed to start: listen EADDRINUSE: address already in use 127.0.0.1:${port}. Another process serves that port: stop it, or set PORT (and HOST).\n`,
    );
    expect(start.stdout).not.toMatch(/ADMIN API KEY|ogp_[0-9a-f]{16}_/);
    const keys = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
    try {
      expect(await keys.list()).toEqual([]);
    } finally {
      await keys.close();
    }
  }, 60_000);
});
