// Specifies what every command does with a word it does not take: refuses it, saying what may have been meant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory } from 'nest-commander';
import { loadConfig } from '@ogp/tracker';
import { CliModule } from '../cli.module';

describe('CLI commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-cli-arguments-'));
  const config = loadConfig({}, { DATA_DIR: dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Runs the CLI in this process with these arguments; returns what it printed and the errors it ended with. */
  async function cli(...args: string[]): Promise<{ stdout: string; errors: string[] }> {
    const out: string[] = [];
    const errors: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Commander ends the process for help and usage errors: here that ends the run instead, as an error.
    const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Error(`exit ${String(code)}`);
    });
    const originalArgv = process.argv;
    process.argv = ['node', 'main.js', ...args];
    try {
      await CommandFactory.run(CliModule.forRoot({ config }), {
        logger: false,
        serviceErrorHandler: (error) => void errors.push(error.message),
      });
    } finally {
      process.argv = originalArgv;
      stdout.mockRestore();
      stderr.mockRestore();
      exit.mockRestore();
    }
    return { stdout: out.join(''), errors };
  }

  describe('when given a positional argument they do not take', () => {
    it.each([
      [['verify', 't.ndjson', '--public-key', 'k.vkey'], "verify takes no argument 't.ndjson': to verify an export, use --export t.ndjson"],
      [['export', 'extra-arg'], "export takes no argument 'extra-arg': to write the export to extra-arg, use --out extra-arg"],
      [['keys', 'list', 'extra'], "keys list takes no argument 'extra'"],
      [['keys', 'create', '--role', 'reviewer', '--name', 'IRM', 'researcher'], "keys create takes no argument 'researcher': quote a name that holds spaces, e.g. --name \"IRM researcher\""],
      [['keys', 'revoke', 'a1b2', 'c3d4'], "keys revoke takes <id> only, not also 'c3d4'"],
      [['seed', 'demo'], "seed takes no argument 'demo': to write the Semarang scenario, use --demo"],
      [['replay', 'now'], "replay takes no argument 'now'"],
      [['serve', '3001'], "serve takes no argument '3001'"],
      [['demo', 'now'], "demo takes no argument 'now'"],
    ])('refuses %j before doing anything', async (args, message) => {
      const { stdout, errors } = await cli(...args);
      expect(errors).toEqual([message]);
      expect(stdout).toBe('');
    });
  });

  it('refuses an unknown keys subcommand instead of printing help', async () => {
    const { stdout, errors } = await cli('keys', 'frob');
    expect(errors).toEqual(["unknown keys subcommand 'frob' (expected create, list, revoke)"]);
    expect(stdout).toBe('');
  });
});
