// Specifies `export --member` and `export --out` through the CLI module: a member that is not one, or an export that
// fails half-way, writes nothing and leaves --out as it was.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory } from 'nest-commander';
import { type EventStore, SqliteEventStore } from '@ogp/event-store';
import { loadConfig, seedDemo } from '@ogp/tracker';
import { CliModule } from '../cli.module';

describe('export command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-cli-export-'));
  const config = loadConfig({}, { DATA_DIR: dataDir });
  const out = join(dataDir, 'semarang.ndjson');
  const PREVIOUS = 'the previous export, kept whole\n';
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    await seedDemo(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => writeFileSync(out, PREVIOUS));

  /** Runs `export` in this process on `eventStore`; returns the errors it ended with. */
  async function exportWith(eventStore: EventStore, ...args: string[]): Promise<string[]> {
    const errors: string[] = [];
    const originalArgv = process.argv;
    process.argv = ['node', 'main.js', 'export', ...args];
    try {
      await CommandFactory.run(CliModule.forRoot({ config, eventStore }), { logger: false, serviceErrorHandler: (error) => void errors.push(error.message) });
    } finally {
      process.argv = originalArgv;
    }
    return errors;
  }

  const leftovers = (): string[] => readdirSync(dataDir).filter((name) => name.includes('.partial'));

  describe('when --member names no registered member', () => {
    it.each([
      ['a typo', 'semarnag', '--member semarnag: no such member in this store (members: semarang)'],
      ['an id of the wrong form', 'Bad!', '--member must be a member id such as semarang (lowercase letters, digits and dashes), got "Bad!"'],
    ])('refuses %s and leaves --out as it was', async (_what, member, message) => {
      expect(await exportWith(store, '--member', member, '--out', out)).toEqual([message]);
      expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
      expect(leftovers()).toEqual([]);
    });
  });

  it("replaces --out with a registered member's export once it is complete", async () => {
    expect(await exportWith(store, '--member', 'semarang', '--out', out)).toEqual([]);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'header', format: 'ogp-ledger-export' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ kind: 'event', stream: 'member-semarang', type: 'MemberRegistered' });
    expect(leftovers()).toEqual([]);
  });

  it('leaves --out as it was, and no partial file, when the export fails half-way', async () => {
    // A store whose read fails after ten events (a disk error, a lost connection).
    const failing = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'readAll') return Reflect.get(target, property, receiver) as unknown;
        return async function* (...args: Parameters<EventStore['readAll']>) {
          let n = 0;
          for await (const event of target.readAll(...args)) {
            if (++n > 10) throw new Error('disk I/O error');
            yield event;
          }
        };
      },
    });
    expect(await exportWith(failing, '--out', out)).toEqual(['disk I/O error']);
    expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
    expect(leftovers()).toEqual([]);
  });
});
