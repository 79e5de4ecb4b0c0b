// Specifies the CLI's entry point as `npm run cli` runs it: a command's help writes nothing, and `serve` on a port
// already taken makes no admin key.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteKeyStore, SystemClock } from '@ogp/tracker';

const ROOT_DIR = resolve(__dirname, '../../..');

function cli(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT_DIR, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        done({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
    );
  });
}

describe('npm run cli', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogp-cli-main-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('when a writing command is asked for its help', () => {
    it.each(['seed --help', 'keys create --help', 'serve --help', 'keys revoke -h', '--help'])(
      '`%s` prints it and makes no DATA_DIR',
      async (line) => {
        const dataDir = join(root, `not-made${line.replaceAll(' ', '_')}`);
        const run = await cli({ DATA_DIR: dataDir }, ...line.split(' '));
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^Usage: ogp-ledger /);
        expect(run.stdout).toContain('-h, --help');
        expect(existsSync(dataDir)).toBe(false);
      },
      60_000,
    );
  });

  describe('when serve is started on a port already taken, on its first start', () => {
    it('fails in one line with exit code 1, and makes and prints no admin key', async () => {
      const dataDir = join(root, 'serve');
      mkdirSync(dataDir);
      const blocker = createServer();
      const port = await new Promise<number>((done) =>
        blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
      );
      try {
        const run = await cli(
          { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
          'serve',
        );
        expect(run.code).toBe(1);
        expect(run.stderr).toBe(
          `listen EADDRINUSE: address already in use 127.0.0.1:${port}. Another process serves that port: stop it, or set PORT (and HOST).\n`,
        );
        expect(run.stdout).not.toMatch(/ADMIN API KEY|ogp_[0-9a-f]{16}_/);
      } finally {
        await new Promise<void>((done) => blocker.close(() => done()));
      }
      const keys = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
      try {
        expect(await keys.list()).toEqual([]);
      } finally {
        await keys.close();
      }
    }, 60_000);
  });
});
