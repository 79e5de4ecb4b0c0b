// `npm start` (apps/api/src/main.ts) refused by what the operator can fix (a port in use, DATA_DIR, a damaged store,
// the signing key, HOST): one line saying what is wrong and what to do, exit code 1, no stack, JSON logs only, and
// nothing written before a damaged store is refused (nor a first start's admin key before a taken port is found).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@ogp/event-store';
import { generateNoteKey } from '@ogp/ledger';
import { seedDemo, SqliteKeyStore, SystemClock } from '@ogp/tracker';

const ROOT_DIR = resolve(__dirname, '..');

interface Start {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function start(env: NodeJS.ProcessEnv): Promise<Start> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  return { code, stdout, stderr };
}

/** Refused as the operator's doing: exit 1, one line on stderr, no stack, and Nest's lines only as JSON on stdout. */
function expectRefused(run: Start, line: RegExp | string): void {
  expect(run.code).toBe(1);
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr.startsWith('ogp-ledger failed to start: ')).toBe(true);
  if (typeof line === 'string') expect(run.stderr).toContain(line);
  else expect(run.stderr).toMatch(line);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |ExceptionHandler/);
  // Nest's own console logger colours its lines; ours are pino's JSON.
  expect(run.stdout).not.toContain('\u001b[');
  for (const logLine of run.stdout.split('\n').filter((l) => l.startsWith('{') || l.startsWith('['))) expect(() => JSON.parse(logLine)).not.toThrow();
}

describe('npm start on a port already taken', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-start-'));
  let blocker: Server;
  afterAll(async () => {
    await new Promise<void>((done) => blocker.close(() => done()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with exit code 1 and a message naming the address and what to do, without a stack, making no admin key', async () => {
    blocker = createServer();
    const port = await new Promise<number>((done) => blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)));
    // A first start (no key yet): the admin key it would print must not be made for a server that never serves.
    const run = await start({ PORT: String(port), DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`ogp-ledger failed to start: listen EADDRINUSE: address already in use 127.0.0.1:${port}. Another process serves that port: stop it, or set PORT (and HOST).\n`);
    expect(run.stdout).not.toMatch(/ADMIN API KEY|ogp_[0-9a-f]{16}_/);
    const keys = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
    try {
      expect(await keys.list()).toEqual([]);
    } finally {
      await keys.close();
    }
  }, 60_000);
});

describe('npm start refused by what the operator can fix', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogp-api-refused-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A fresh directory holding `files`. */
  function dataDirWith(name: string, files: Record<string, Buffer | string> = {}): string {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    return dir;
  }

  it('names DATA_DIR when a file holds its name', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expectRefused(await start({ DATA_DIR: file }), `DATA_DIR=${file} is not a directory (EEXIST`);
  }, 60_000);

  describe('when events.sqlite is damaged', () => {
    let intact: Buffer;
    beforeAll(async () => {
      const dir = dataDirWith('intact');
      const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
      await seedDemo(store);
      await store.close();
      intact = readFileSync(join(dir, 'events.sqlite'));
    }, 60_000);

    it.each([
      ['of random bytes', () => Buffer.alloc(8192, 0x5a), /events\.sqlite is not an intact SQLite database \(file is not a database, SQLITE_NOTADB\): restore it from a backup/],
      ['cut short', () => intact.subarray(0, intact.length / 2), /events\.sqlite is not an intact SQLite database \(database disk image is malformed, SQLITE_CORRUPT\)/],
    ])('refuses a store %s before writing anything', async (what, content, line) => {
      const damaged = content();
      const dir = dataDirWith(what.replaceAll(' ', '-'), { 'events.sqlite': damaged });
      expectRefused(await start({ DATA_DIR: dir }), line);
      // No signing key, key store or idempotency records made beside it, and the store itself untouched.
      expect(readdirSync(dir)).toEqual(['events.sqlite']);
      expect(readFileSync(join(dir, 'events.sqlite')).equals(damaged)).toBe(true);
    }, 60_000);
  });

  it('refuses a signing key file that holds no key, naming the file', async () => {
    const dir = dataDirWith('garbage-key', { 'ledger-signing.key': 'PRIVATE+KEY+not+a+key\n' });
    expectRefused(await start({ DATA_DIR: dir }), `SIGNING_KEY_FILE ${join(dir, 'ledger-signing.key')} does not hold a signing key (a signer key reads PRIVATE+KEY+`);
  }, 60_000);

  it('refuses a signing key named for another origin, saying which LEDGER_ORIGIN fits it', async () => {
    const dir = dataDirWith('other-origin', { 'ledger-signing.key': `${generateNoteKey('other.example/log').signerKey}\n` });
    expectRefused(await start({ DATA_DIR: dir }), 'is named other.example/log, but LEDGER_ORIGIN is ogp-ledger.local/log: set LEDGER_ORIGIN=other.example/log');
  }, 60_000);

  it('refuses a HOST that does not resolve', async () => {
    const dir = dataDirWith('bad-host');
    expectRefused(await start({ DATA_DIR: dir, HOST: 'no-such-host.invalid' }), /no-such-host\.invalid.* Set HOST to an address or name of this machine/);
  }, 60_000);
});
