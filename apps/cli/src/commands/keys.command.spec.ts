// Specifies `keys create|list|revoke` through the CLI module, as `npm run cli -- keys ...` runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory } from 'nest-commander';
import { loadConfig, SqliteKeyStore, SystemClock } from '@ogp/tracker';
import { CliModule } from '../cli.module';

describe('keys commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-cli-keys-'));
  const config = loadConfig({}, { DATA_DIR: dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  /** The messages of the errors the last run ended with. */
  let errors: string[] = [];

  /** Runs the CLI with these arguments; returns what it wrote to stdout. */
  async function cli(...args: string[]): Promise<string> {
    errors = [];
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const originalArgv = process.argv;
    process.argv = ['node', 'main.js', ...args];
    try {
      await CommandFactory.run(CliModule.forRoot({ config }), { logger: false, serviceErrorHandler: (error) => void errors.push(error.message) });
    } finally {
      process.argv = originalArgv;
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return out.join('');
  }

  it('creates a key that prints alone on its line and authenticates with its role and member', async () => {
    const out = await cli('keys', 'create', '--role', 'admin', '--name', 'secretariat', '--member', 'semarang');
    const key = out.trim();
    expect(out).toMatch(/^ogp_[0-9a-f]{16}_\S+\n$/);
    const store = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
    await expect(store.authenticate(key)).resolves.toMatchObject({ role: 'admin', name: 'secretariat', member: 'semarang' });
    await store.close();
  });

  it('refuses a --member that is not a member id, creating no key', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Error(`exit ${String(code)}`);
    });
    let out = '';
    try {
      out = await cli('keys', 'create', '--role', 'admin', '--name', 'typo', '--member', 'Semarang!').catch(() => '');
    } finally {
      exit.mockRestore();
    }
    expect(out).not.toMatch(/ogp_/);
    const store = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
    expect((await store.list()).filter((k) => k.name === 'typo')).toEqual([]);
    await store.close();
  });

  describe('when a name holds control characters or is too long', () => {
    it.each([
      ['a line break', 'IRM\nffffffffffffffff  admin  forged'],
      ['an escape sequence', 'IRM \u001b[2J'],
      ['DEL', 'IRM\u007f'],
      ['a C1 next-line', 'IRM\u0085forged'],
      ['a line separator', 'IRM\u2028forged'],
    ])('refuses %s, creating no key', async (_what, name) => {
      const out = await cli('keys', 'create', '--role', 'auditor', '--name', name);
      expect(out).toBe('');
      expect(errors).toEqual([expect.stringMatching(/^--name must not hold control characters or line breaks, got 'IRM.*\\(x|u)/)]);
      const store = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
      expect((await store.list()).filter((k) => k.name === name)).toEqual([]);
      await store.close();
    });

    it('refuses a name leaving a right-to-left override open (it would reverse the columns after it), creating no key', async () => {
      expect(await cli('keys', 'create', '--role', 'auditor', '--name', 'IRM \u202Eforged')).toBe('');
      expect(errors).toEqual(["--name must close every bidirectional override or isolate it opens, got 'IRM \\u202eforged'"]);
      expect(await cli('keys', 'create', '--role', 'auditor', '--name', 'IRM \u2067بوابة\u2069')).toMatch(/^ogp_/);
    });

    it('refuses a name over 100 characters and accepts one of 100', async () => {
      expect(await cli('keys', 'create', '--role', 'auditor', '--name', 'é'.repeat(101))).toBe('');
      expect(errors).toEqual(['--name must be at most 100 characters, got 101']);
      expect(await cli('keys', 'create', '--role', 'auditor', '--name', 'é'.repeat(100))).toMatch(/^ogp_/);
    });

    it('lists a name stored before they were refused with its control characters escaped, on one row', async () => {
      const store = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new SystemClock());
      const { record } = await store.create({ role: 'auditor', name: 'old\nffffffffffffffff  admin  forged\u2028x\u202E', member: null });
      await store.close();
      const row = (await cli('keys', 'list')).split('\n').filter((line) => line.includes('old'));
      expect(row).toEqual([expect.stringContaining(`${record.id}  auditor  old\\x0affffffffffffffff  admin  forged\\u2028x\\u202e`)]);
    });
  });

  it('prints one JSON object with --json, lists keys without secrets, and revokes', async () => {
    const created = JSON.parse(await cli('keys', 'create', '--role', 'reviewer', '--name', 'IRM', '--json')) as Record<string, unknown>;
    expect(created).toMatchObject({ role: 'reviewer', name: 'IRM', member: null });
    expect(String(created.key)).toContain(String(created.id));

    const listed = await cli('keys', 'list');
    expect(listed).toContain(String(created.id));
    expect(listed).not.toContain(String(created.key));

    expect(await cli('keys', 'revoke', String(created.id))).toContain('Revoked');
    const after = JSON.parse(await cli('keys', 'list', '--json')) as Array<{ id: string; revokedAt: string | null }>;
    expect(after.find((k) => k.id === created.id)?.revokedAt).not.toBeNull();

    await cli('keys', 'revoke', String(created.id));
    expect(process.exitCode).toBe(1);
  });
});
