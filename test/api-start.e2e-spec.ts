// `npm start` (apps/api/src/main.ts) on a port another process holds: a message saying what to do, exit code 1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT_DIR = resolve(__dirname, '..');

describe('npm start on a port already taken', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-start-'));
  let blocker: Server;
  afterAll(async () => {
    await new Promise<void>((done) => blocker.close(() => done()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with exit code 1 and a message naming the address and what to do, without a stack', async () => {
    blocker = createServer();
    const port = await new Promise<number>((done) => blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)));
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT_DIR,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.resume();
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(stderr).toContain(`ogp-ledger failed to start: listen EADDRINUSE: address already in use 127.0.0.1:${port}. Another process serves that port: stop it, or set PORT (and HOST).`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
