// Specifies the CLI's store access: chosen from the command line before Nest starts, read-only stores opened on use.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore, type NewEvent, SqliteEventStore } from '@ogp/event-store';
import { FixedClock, KEY_STORE, type KeyStore, loadConfig, SqliteKeyStore, type StoreAccess } from '@ogp/tracker';
import { CliModule, storeAccessFor } from './cli.module';

describe('the CLI', () => {
  describe('store access by command', () => {
    it.each<[string, StoreAccess]>([
      ['verify', 'read-only'],
      ['verify --export ledger.ndjson --public-key log.vkey', 'read-only'],
      ['export --kind events', 'read-only'],
      ['replay', 'read-only'],
      ['demo', 'read-only'],
      ['keys list', 'read-only'],
      ['keys', 'read-only'],
      ['', 'read-only'],
      ['--help', 'read-only'],
      ['help keys', 'read-only'],
      // A mistyped command, or one no list knows, opens nothing for writing: it fails safe.
      ['verfy', 'read-only'],
      ['list', 'read-only'],
      ['keys lst', 'read-only'],
      ['seed --demo', 'read-write'],
      // -h as an option's value is not a request for help.
      ['keys create --role admin --name -h', 'read-write'],
      ['keys create --role admin --name list', 'read-write'],
      ['keys revoke 0123456789abcdef', 'read-write'],
      ['serve', 'read-write'],
      // A writing command's help writes nothing: Nest would open the stores (and make DATA_DIR) before commander prints it.
      ['seed --help', 'read-only'],
      ['serve -h', 'read-only'],
      ['keys create --help', 'read-only'],
      ['keys revoke -h', 'read-only'],
      ['keys revoke 0123456789abcdef --help', 'read-only'],
      ['keys create --role admin --name x -h', 'read-only'],
      ['seed --demo --help', 'read-only'],
      // As commander reads them: an option's value, and an operand after --, are no request for help.
      ['keys create -n -h --role admin', 'read-write'],
      ['keys create --role admin -n-h', 'read-write'],
      ['keys create --role admin --name=-h', 'read-write'],
      ['seed -- -h', 'read-write'],
    ])('`%s` is %s', (line, access) => {
      expect(storeAccessFor(line === '' ? [] : line.split(' '))).toBe(access);
    });
  });

  describe('when a command only reads', () => {
    const root = mkdtempSync(join(tmpdir(), 'ogp-cli-module-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    async function readOnlyCli(dataDir: string): Promise<{ store: EventStore; keys: KeyStore; close: () => Promise<void> }> {
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, {}, { createDataDir: false });
      const app = await Test.createTestingModule({ imports: [CliModule.forRoot({ config, storeAccess: 'read-only' })] }).compile();
      await app.init();
      return { store: app.get(EVENT_STORE), keys: app.get(KEY_STORE), close: () => app.close() };
    }

    it('starts and stops without opening, or creating, any store', async () => {
      const dataDir = join(root, 'none');
      const cli = await readOnlyCli(dataDir);
      await cli.close();
      expect(existsSync(dataDir)).toBe(false);
    });

    it('opens the stores read-only at their first use: reads answer, writes are refused, no file is added', async () => {
      const dataDir = join(root, 'store');
      mkdirSync(dataDir);
      const seeded = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
      await seeded.append('commitment-c1', [claim()], { expectedRevision: 'no_stream' });
      await seeded.close();
      const keyFile = new SqliteKeyStore(join(dataDir, 'access.sqlite'), new FixedClock());
      await keyFile.create({ role: 'auditor', name: 'auditor' });
      await keyFile.close();
      const before = readdirSync(dataDir);

      const cli = await readOnlyCli(dataDir);
      expect((await cli.store.headPosition())?.commit).toBe(1n);
      expect(await cli.keys.list()).toHaveLength(1);
      await expect(cli.store.append('commitment-c1', [claim()], { expectedRevision: 'any' })).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      await expect(cli.keys.create({ role: 'admin', name: 'intruder' })).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      await cli.close();
      expect(readdirSync(dataDir)).toEqual(before);
    });

    it('says where it looked when there is no store to read', async () => {
      const cli = await readOnlyCli(join(root, 'empty'));
      await expect(cli.store.headPosition()).rejects.toThrow(`There is no event store at ${join(root, 'empty', 'events.sqlite')}: set DATA_DIR`);
      expect(await cli.keys.list()).toEqual([]);
      await cli.close();
      expect(existsSync(join(root, 'empty'))).toBe(false);
    });
  });
});

function claim(): NewEvent {
  return {
    id: randomUUID(),
    type: 'ProgressClaimed',
    schemaVersion: 1,
    data: { narrative: 'a claim' },
    metadata: { actorId: 'admin-1', actorRole: 'admin', commandId: randomUUID(), correlationId: randomUUID(), causationId: null, reason: null, recordedAt: '2026-03-01T00:00:00.000Z' },
  };
}
