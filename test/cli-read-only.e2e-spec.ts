// The CLI's reading commands as an auditor runs them: on a store they may only read (files and directory read-only)
// they work and leave every file as it was; `verify --export` needs no store at all and makes no DATA_DIR.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateNoteKey } from '@ogp/ledger';
import { leaveAtRest, SqliteEventStore } from '@ogp/event-store';
import { catchUp, domainStateModel, openReadModelDb } from '@ogp/projections';
import { FixedClock, seedDemo, SqliteKeyStore } from '@ogp/tracker';

const ROOT_DIR = resolve(__dirname, '..');
const ORIGIN = 'ogp-ledger.local/log';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(dataDir: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT_DIR, env: { ...process.env, DATA_DIR: dataDir, LEDGER_ORIGIN: ORIGIN, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
    );
  });
}

/** Every entry of the directory (and the directory itself) with its size and modification time. */
function snapshot(dir: string): string[] {
  const entry = (path: string, name: string): string => {
    const s = statSync(path);
    return `${name} ${s.size} ${s.mtimeMs}`;
  };
  return [entry(dir, '.'), ...readdirSync(dir).map((name) => entry(join(dir, name), name))].sort();
}

describe('the CLI on a store the user may only read', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogp-cli-read-only-'));
  const dataDir = join(root, 'store');
  const kept = join(root, 'kept');
  const keys = generateNoteKey(ORIGIN);
  let before: string[];

  beforeAll(async () => {
    mkdirSync(dataDir);
    mkdirSync(kept);
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    await seedDemo(store);
    // The live read models, as a server leaves them: replay and export work on a copy.
    const readModels = openReadModelDb({ file: join(dataDir, 'read-models.sqlite') });
    await catchUp({ store, db: readModels, model: domainStateModel });
    leaveAtRest(readModels);
    readModels.close();
    await store.close();
    const keyStore = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new FixedClock());
    await keyStore.create({ role: 'auditor', name: 'auditor' });
    await keyStore.close();
    writeFileSync(join(dataDir, 'ledger-signing.key'), `${keys.signerKey}\n`, { mode: 0o600 });
    writeFileSync(join(kept, 'log.vkey'), `${keys.verifierKey}\n`);
    // Read-only for anyone but root (whom chmod does not stop: the snapshot then shows any write).
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o444);
    chmodSync(dataDir, 0o555);
    before = snapshot(dataDir);
  }, 60_000);

  afterAll(() => {
    chmodSync(dataDir, 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('exports the events to a file elsewhere', async () => {
    const run = await cli(dataDir, 'export', '--kind', 'events', '--out', join(kept, 'ledger.ndjson'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(kept, 'ledger.ndjson'))).toBe(true);
    expect(snapshot(dataDir)).toEqual(before);
  }, 60_000);

  it('verifies the store', async () => {
    const run = await cli(dataDir, 'verify');
    expect(run.stdout).toContain('OK: the ledger verifies');
    expect(run.code).toBe(0);
    expect(snapshot(dataDir)).toEqual(before);
  }, 60_000);

  it('verifies an export offline, with DATA_DIR at the store or at a directory that does not exist (and is not made)', async () => {
    const exportFile = join(kept, 'offline.ndjson');
    expect((await cli(dataDir, 'export', '--out', exportFile)).code).toBe(0);
    for (const dir of [dataDir, join(root, 'no-such-dir')]) {
      const run = await cli(dir, 'verify', '--export', exportFile, '--public-key', join(kept, 'log.vkey'));
      expect(run.stdout).toContain('OK: the ledger verifies');
      expect(run.code).toBe(0);
    }
    expect(existsSync(join(root, 'no-such-dir'))).toBe(false);
    expect(snapshot(dataDir)).toEqual(before);
  }, 60_000);

  it('lists the API keys', async () => {
    const run = await cli(dataDir, 'keys', 'list');
    expect(run.stdout).toMatch(/auditor\s+auditor/);
    expect(run.code).toBe(0);
    expect(snapshot(dataDir)).toEqual(before);
  }, 60_000);

  it('replays and compares the read models, catching up a copy of the live ones', async () => {
    const run = await cli(dataDir, 'replay');
    expect(run.stdout).toMatch(/audit-trail\tequal/);
    expect(run.code).toBe(0);
    expect(snapshot(dataDir)).toEqual(before);
  }, 60_000);

  it('exports commitments and one member\'s events from a copy of the read models', async () => {
    for (const args of [['export', '--kind', 'commitments', '--format', 'csv'], ['export', '--member', 'semarang']]) {
      const run = await cli(dataDir, ...args);
      expect({ args, code: run.code }).toEqual({ args, code: 0 });
      expect(run.stdout.length).toBeGreaterThan(100);
      // The same lines as the API's: the CSV begins with the UTF-8 byte order mark, NDJSON does not.
      expect({ args, bom: run.stdout.startsWith('\uFEFFCommitment ID,') }).toEqual({ args, bom: args.includes('csv') });
      expect(snapshot(dataDir)).toEqual(before);
    }
  }, 120_000);
});
