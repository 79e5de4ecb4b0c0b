// Specifies what `verify` says beyond pass and fail: nothing to verify, a repeated or swapped event, and files given
// by its options that cannot be used.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory } from 'nest-commander';
import { SqliteEventStore } from '@ogp/event-store';
import { generateNoteKey } from '@ogp/ledger';
import { exportEventsNdjson } from '@ogp/projections';
import { loadConfig, seedDemo } from '@ogp/tracker';
import { CliModule } from '../cli.module';

describe('verify command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-cli-verify-'));
  const emptyDataDir = join(dir, 'empty');
  mkdirSync(emptyDataDir);
  const config = loadConfig({}, { DATA_DIR: emptyDataDir });
  const vkey = join(dir, 'ledger.vkey');
  /** The lines of an export of the Semarang demo (75 events, no checkpoint), each ending in a newline. */
  const lines: string[] = [];

  beforeAll(async () => {
    writeFileSync(vkey, `${generateNoteKey('ogp.example/semarang').verifierKey}\n`);
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    try {
      await seedDemo(store);
      for await (const line of exportEventsNdjson(store, { origin: 'ogp.example/semarang' })) lines.push(line);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  /** Runs `verify` in this process on an empty store; returns its summary, its errors and its exit code. */
  async function verify(...args: string[]): Promise<{ stdout: string; errors: string[]; exitCode: number }> {
    const out: string[] = [];
    const errors: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const originalArgv = process.argv;
    process.argv = ['node', 'main.js', 'verify', ...args];
    try {
      await CommandFactory.run(CliModule.forRoot({ config }), { logger: false, serviceErrorHandler: (error) => void errors.push(error.message) });
    } finally {
      process.argv = originalArgv;
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return { stdout: out.join(''), errors, exitCode: errors.length > 0 ? 1 : Number(process.exitCode ?? 0) };
  }

  /** Writes an export file made of these lines. */
  function exportFile(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  describe('when there is nothing to verify', () => {
    it('warns of an empty store, without "OK", and exits 0', async () => {
      const { stdout, exitCode } = await verify();
      expect(stdout).toBe('WARNING: nothing to verify: the store holds no events.\n  Check that DATA_DIR (or EVENT_STORE and EVENTSTORE_CONNECTION_STRING) names the store you meant.\n');
      expect(exitCode).toBe(0);
    });

    it('fails an export that holds a header and no events', async () => {
      const { stdout, exitCode } = await verify('--export', exportFile('header-only.ndjson', lines[0]!), '--public-key', vkey);
      expect(stdout).toMatch(/^FAILED: nothing to verify: the export holds no events\n/);
      expect(stdout).not.toContain('OK');
      expect(exitCode).toBe(1);
    });
  });

  it('says an event line given twice was repeated, not reordered', async () => {
    const file = exportFile('repeated.ndjson', [...lines.slice(0, 31), lines[30]!, ...lines.slice(31)].join(''));
    const { stdout, exitCode } = await verify('--export', file, '--public-key', vkey);
    expect(stdout).toContain('FAILED: position-order\n  position 30/30 appears twice in a row: an event was repeated\n');
    expect(exitCode).toBe(1);
  });

  it('counts the events verified before the first bad one as its leaf index', async () => {
    const swapped = [...lines];
    [swapped[20], swapped[21]] = [swapped[21]!, swapped[20]!];
    const { stdout } = await verify('--export', exportFile('swapped.ndjson', swapped.join('')), '--public-key', vkey);
    expect(stdout).toContain('position 20/20 follows 21/21 in the export: events were reordered');
    expect(stdout).toMatch(/first bad event: .* \(leaf 19\)\n {2}events verified before it: 19\n/);
  });

  describe('when a file given by an option cannot be used', () => {
    it.each([
      ['a --public-key that does not exist', () => ['--public-key', join(dir, 'nosuch.vkey')], `--public-key ${join(dir, 'nosuch.vkey')}: no such file`],
      ['a --public-key that is not a key', () => ['--public-key', exportFile('k.vkey', 'not a key\n')], `--public-key ${join(dir, 'k.vkey')}: a raw Ed25519 public key is 32 bytes`],
      ['an empty --export', () => ['--export', exportFile('e.ndjson', ''), '--public-key', vkey], `--export ${join(dir, 'e.ndjson')}: the file is empty`],
      ['an --export that does not exist', () => ['--export', join(dir, 'nosuch.ndjson'), '--public-key', vkey], `--export ${join(dir, 'nosuch.ndjson')}: no such file`],
      ['an --export that is not one', () => ['--export', exportFile('n.ndjson', 'id,name\n'), '--public-key', vkey], `--export ${join(dir, 'n.ndjson')}: line 1: not JSON`],
    ])('refuses %s, naming the option and the file', async (_what, args, message) => {
      const { stdout, errors } = await verify(...args());
      expect(errors).toEqual([message]);
      expect(stdout).toBe('');
    });
  });
});
