// Specifies configuration loading: defaults, overrides, derived paths, and errors that name the variable.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_TABLE, configTableMarkdown } from './config-table';
import { ConfigValidationError, loadConfig } from './load-config';
import { StartUpError } from './start-up-error';

describe('loadConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'ogp-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fills in defaults and creates DATA_DIR', () => {
    const dataDir = join(root, 'fresh', 'data');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      SQLITE_SYNCHRONOUS: 'FULL',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1_048_576,
      RATE_LIMIT_WRITES_PER_MINUTE: 600,
      LEDGER_ORIGIN: 'ogp-ledger.local/log',
      CHECKPOINT_INTERVAL_SECONDS: 60,
      SIGNING_KEY_FILE: join(dataDir, 'ledger-signing.key'),
    });
    expect(existsSync(dataDir)).toBe(true);
  });

  it('leaves DATA_DIR alone for a process that only reads (not even created)', () => {
    const dataDir = join(root, 'never-made');
    expect(loadConfig({ DATA_DIR: dataDir }, {}, { createDataDir: false }).DATA_DIR).toBe(dataDir);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('stops in one line, naming DATA_DIR, when a file holds its name', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expect(() => loadConfig({ DATA_DIR: file })).toThrow(StartUpError);
    expect(() => loadConfig({ DATA_DIR: join(file, 'data') })).toThrow(StartUpError);
    expect(() => loadConfig({ DATA_DIR: file })).toThrow(`DATA_DIR=${file} is not a directory (EEXIST`);
    expect(() => loadConfig({ DATA_DIR: file })).not.toThrow(/\n/);
  });

  it('parses numbers from the environment and lets overrides win', () => {
    const config = loadConfig({ DATA_DIR: root, PORT: '8080', LOG_LEVEL: 'debug' }, { LOG_LEVEL: 'silent' });
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('silent');
  });

  it('keeps the condition of a variable required only with another (its own message, not a bare "is required")', () => {
    expect(() => loadConfig({ DATA_DIR: root, EVENT_STORE: 'esdb' })).toThrow(
      'EVENTSTORE_CONNECTION_STRING (unset): EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb',
    );
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ DATA_DIR: root, PORT: 'eighty', SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(ConfigValidationError);
    try {
      loadConfig({ DATA_DIR: root, PORT: 'eighty', SQLITE_SYNCHRONOUS: 'OFF' });
    } catch (error) {
      // the type it must have, not the range an integer would have to be in
      expect((error as Error).message).toContain('PORT="eighty": PORT must be an integer number\n');
      expect((error as Error).message).toMatch(/SQLITE_SYNCHRONOUS="OFF"/);
    }
  });

  it('requires EVENTSTORE_CONNECTION_STRING when EVENT_STORE=esdb', () => {
    expect(() => loadConfig({ DATA_DIR: root, EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(loadConfig({ DATA_DIR: root, EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).EVENT_STORE).toBe('esdb');
  });

  it('is documented in the README by the table it renders', () => {
    expect(readFileSync(join(__dirname, '../../../../README.md'), 'utf8')).toContain(configTableMarkdown());
  });

  it('documents every variable it reads, and reads every documented one', () => {
    const documented = CONFIG_TABLE.map((v) => v.name);
    const read = Object.keys(loadConfig({ DATA_DIR: root, EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://x' }));
    expect(read.sort()).toEqual([...documented].sort());
  });
});
