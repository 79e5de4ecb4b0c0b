// Tampering with a real SQLite store that holds its own signed checkpoints: verifyEventStore (and `cli verify`)
// name the first bad event of each edit, the rewritten-chain case only through the signed checkpoint.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ogp/event-store';
import {
  CHECKPOINT_STREAM,
  checkpointSignedEvent,
  entryHashBytes,
  eventHash,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportLine,
  generateNoteKey,
  MerkleTree,
  parseSignerKey,
  readExportFile,
  signCheckpoint,
  verifyExport,
  type VerifyReport,
} from '@ogp/ledger';
import { exportEventsNdjson } from '@ogp/projections';
import { verifyEventStore } from '@ogp/tracker';
import { auditMetadata, progressClaim, rewriteStreamWithFreshChain } from './ledger.fixtures';

const ORIGIN = 'ogp.example/semarang';
const keys = generateNoteKey(ORIGIN);
const signer = parseSignerKey(keys.signerKey);
const ROOT_DIR = resolve(__dirname, '..');

/** Signs the store's current tree and appends the note as a CheckpointSigned event, as the server's scheduler does. */
async function storeCheckpoint(store: SqliteEventStore, tree: MerkleTree): Promise<void> {
  for await (const e of store.readAll({ fromPosition: 'start' })) if (e.position.commit > BigInt(tree.size)) tree.append(entryHashBytes(e.hash));
  const event = checkpointSignedEvent(signCheckpoint(ORIGIN, tree.size, tree.root(), signer));
  await store.append(CHECKPOINT_STREAM, [{ id: randomUUID(), type: event.type, schemaVersion: event.schemaVersion, data: { ...event.data }, metadata: auditMetadata('system') }], {
    expectedRevision: 'any',
  });
}

describe('tampering with a SQLite store holding its own signed checkpoints', () => {
  let dir: string;
  let pristine: string;
  let vkeyFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-cli-'));
    pristine = join(dir, 'pristine.sqlite');
    vkeyFile = join(dir, 'ledger.vkey');
    writeFileSync(vkeyFile, `${keys.verifierKey}\n`);
    const store = new SqliteEventStore({ file: pristine });
    const tree = new MerkleTree();
    const round = async (from: number) => {
      for (let i = from; i < from + 10; i++) {
        for (const stream of ['plan-2021', 'commitment-IDSMG0001', 'commitment-IDSMG0002']) {
          await store.append(stream, [progressClaim(i)], { expectedRevision: 'any' });
        }
      }
    };
    try {
      await round(0); // positions 1..30
      await storeCheckpoint(store, tree); // size 30, its event at position 31
      await store.append('commitment-IDSMG0003', [progressClaim(100), progressClaim(101), progressClaim(102)], { expectedRevision: 'no_stream' }); // 32..34
      await round(10); // 35..64
      await storeCheckpoint(store, tree); // size 64, its event at position 65
    } finally {
      await store.close();
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Copies the pristine file into a fresh DATA_DIR, edits the copy with plain SQL; returns the DATA_DIR. */
  function tampered(sql: (db: Database.Database) => void): string {
    const dataDir = join(dir, randomUUID());
    mkdirSync(dataDir);
    const file = join(dataDir, 'events.sqlite');
    copyFileSync(pristine, file);
    const db = new Database(file);
    try {
      sql(db);
    } finally {
      db.close();
    }
    return dataDir;
  }

  async function verify(dataDir: string): Promise<VerifyReport> {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    try {
      return await verifyEventStore(store, { publicKey: keys.verifierKey, origin: ORIGIN });
    } finally {
      await store.close();
    }
  }

  async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
    // The command through a real process, wired as cli.module.ts wires it (infrastructure + VerifyCommand).
    const script = `
      require('reflect-metadata');
      const { Module } = require('@nestjs/common');
      const { CommandFactory } = require('nest-commander');
      const { TrackerInfrastructureModule, loadConfig } = require('./libs/tracker/src/index.ts');
      const { VerifyCommand } = require('./apps/cli/src/commands/verify.command.ts');
      class VerifyCli {}
      Module({ imports: [TrackerInfrastructureModule.forRoot({ config: loadConfig() })], providers: [VerifyCommand] })(VerifyCli);
      CommandFactory.run(VerifyCli, { logger: ['error'], serviceErrorHandler: (e) => { process.stderr.write(e.message + '\\n'); process.exitCode = 1; } });
    `;
    const env = { ...process.env, DATA_DIR: dataDir, LEDGER_ORIGIN: ORIGIN, LOG_LEVEL: 'silent' };
    try {
      const { stdout } = await promisify(execFile)('node', ['-r', '@swc-node/register', '-e', script, '--', 'ogp-ledger', 'verify', '--public-key', vkeyFile, ...args], { cwd: ROOT_DIR, env });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  }

  it('verifies the untouched store: every chain and both stored checkpoints', async () => {
    const report = await verify(tampered(() => undefined));
    expect(report).toMatchObject({ ok: true, events: 65, streams: 5, checkpointsVerified: 2, verifiedTreeSize: 64 });
  });

  it('finds a flipped byte in one event’s data at that event', async () => {
    const report = await verify(tampered((db) => db.prepare(`UPDATE events SET data = replace(data, 'claim 4', 'claim 5') WHERE position = 14`).run()));
    expect(report.failure).toMatchObject({ kind: 'hash-mismatch', event: { stream: 'commitment-IDSMG0001', revision: '4', position: '14/14', index: 13 } });
  });

  it('finds a deleted event at the next event of its stream', async () => {
    const report = await verify(tampered((db) => db.prepare('DELETE FROM events WHERE position = 20').run()));
    expect(report.failure).toMatchObject({ kind: 'revision-gap', event: { stream: 'commitment-IDSMG0001', revision: '7', position: '23/23' } });
  });

  it('finds two swapped events at the first of them', async () => {
    const report = await verify(
      tampered((db) =>
        db.transaction(() => {
          db.prepare('UPDATE events SET position = -1 WHERE position = 4').run();
          db.prepare('UPDATE events SET position = 4 WHERE position = 7').run();
          db.prepare('UPDATE events SET position = 7 WHERE position = -1').run();
        })(),
      ),
    );
    expect(report.failure).toMatchObject({ kind: 'revision-gap', event: { stream: 'plan-2021', revision: '2', position: '4/4', index: 3 } });
  });

  it('finds a stream rewritten with a freshly recomputed chain only through the stored signed checkpoint', async () => {
    const dataDir = tampered((db) => {
      rewriteStreamWithFreshChain(db, 'commitment-IDSMG0003');
    });
    const report = await verify(dataDir);
    // The checkpoint at 30 still holds; the one at 64 does not: the change is in leaves 30..63 (positions 31..64).
    expect(report.failure).toMatchObject({ kind: 'checkpoint-root-mismatch', checkpoint: { treeSize: 64, firstSuspectIndex: 30 } });
    expect(report.verifiedTreeSize).toBe(30);
    // Without the signed checkpoint the rewrite is invisible: every chain is consistent.
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    try {
      expect(await verifyEventStore(store, { origin: ORIGIN })).toMatchObject({ ok: true, checkpointsUnchecked: 2 });
    } finally {
      await store.close();
    }
  });

  it('finds a checkpoint signed by another key', async () => {
    const other = parseSignerKey(generateNoteKey(ORIGIN).signerKey);
    const report = await verify(
      tampered((db) => {
        const row = db.prepare(`SELECT position, data FROM events WHERE stream = ? AND revision = 0`).get(CHECKPOINT_STREAM) as { position: number; data: string };
        const data = JSON.parse(row.data) as { treeSize: string; rootHash: string };
        const note = signCheckpoint(ORIGIN, Number(data.treeSize), Buffer.from(data.rootHash, 'base64'), other);
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...data, note }), row.position);
      }),
    );
    expect(report.ok).toBe(false);
    expect(report.failure?.event).toMatchObject({ stream: CHECKPOINT_STREAM, revision: '0', position: '31/31' });
  });

  it('`cli verify` exits 0 with a summary on the untouched store and 1 naming the first bad event on a tampered one', async () => {
    const good = await cli(tampered(() => undefined));
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/OK: the ledger verifies[\s\S]*events: +65[\s\S]*checkpoints verified: +2/);
    expect(good.stdout).toContain('NOTE: events 64 to 64 (1) come after the last signed checkpoint: they are only self-consistent.');
    const bad = await cli(tampered((db) => db.prepare(`UPDATE events SET data = replace(data, 'claim 4', 'claim 5') WHERE position = 14`).run()));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED: hash-mismatch');
    expect(bad.stdout).toContain('first bad event: stream commitment-IDSMG0001, revision 4, global position 14/14');
  }, 60_000);

  it('`cli verify FILE` (an export named without --export) is refused, not taken for a check of the store', async () => {
    const empty = join(dir, randomUUID()); // a store that would verify "OK": nothing in it
    mkdirSync(empty);
    const result = await cli(empty, 't.ndjson');
    expect(result).toEqual({ code: 1, stdout: "verify takes no argument 't.ndjson': to verify an export, use --export t.ndjson\n" });
  }, 60_000);

  it('`cli verify --checkpoint` holds the log to checkpoints a reviewer kept, even once the stored ones are gone', async () => {
    const source = new Database(pristine, { readonly: true });
    const notes = (source.prepare('SELECT data FROM events WHERE stream = ? ORDER BY revision').all(CHECKPOINT_STREAM) as { data: string }[]).map((r) => JSON.parse(r.data) as { treeSize: string; note: string });
    source.close();
    // One kept as GET /ledger/checkpoints/{size} answers it (JSON), one as the bare note.
    const kept30 = join(dir, 'kept-30.json');
    writeFileSync(kept30, JSON.stringify({ origin: ORIGIN, treeSize: 30, note: notes[0]!.note }));
    const kept64 = join(dir, 'kept-64.note');
    writeFileSync(kept64, notes[1]!.note);
    // The operator deletes the stored checkpoints (and with them the events after 30 move down a leaf).
    const dataDir = tampered((db) => db.prepare('DELETE FROM events WHERE stream = ?').run(CHECKPOINT_STREAM));
    const alone = await cli(dataDir);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('WARNING: no signed checkpoint was found: all 63 events are only self-consistent.');
    const early = await cli(dataDir, '--checkpoint', kept30);
    expect(early.code).toBe(0);
    expect(early.stdout).toMatch(/checkpoints verified: +1[\s\S]*verified tree size: +30/);
    // The bare note as `jq -r .note` saves it (one newline more), or as a Windows editor does (CRLF).
    for (const [name, text] of [['kept-30.jq.note', `${notes[0]!.note}\n`], ['kept-30.crlf.note', notes[0]!.note.replace(/\n/g, '\r\n')]] as const) {
      writeFileSync(join(dir, name), text);
      const saved = await cli(dataDir, '--checkpoint', join(dir, name));
      expect([name, saved.code, saved.stdout]).toEqual([name, 0, expect.stringMatching(/checkpoints verified: +1/)]);
    }
    const late = await cli(dataDir, '--checkpoint', kept30, '--checkpoint', kept64);
    expect(late.code).toBe(1);
    expect(late.stdout).toContain('FAILED: checkpoint-beyond-log');
  }, 60_000);

  it('`cli verify --export` checks an NDJSON export offline with the kept public key', async () => {
    const source = new SqliteEventStore({ file: pristine });
    let text = '';
    try {
      for await (const line of exportEventsNdjson(source, { origin: ORIGIN })) text += line;
    } finally {
      await source.close();
    }
    const exportFile = join(dir, 'export.ndjson');
    writeFileSync(exportFile, text);
    const empty = join(dir, randomUUID()); // a DATA_DIR with nothing in it: the check uses only the file and the key
    mkdirSync(empty);
    const good = await cli(empty, '--export', exportFile);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/events: +65[\s\S]*checkpoints verified: +2/);
    const forged = join(dir, 'forged.ndjson');
    writeFileSync(forged, readFileSync(exportFile, 'utf8').replace('claim 12', 'claim 13'));
    const bad = await cli(empty, '--export', forged);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED: hash-mismatch');
  }, 60_000);

  it('`cli verify --export` checks checkpoint lines placed after 70,000 events, however far behind their sizes', async () => {
    // Beyond the verifier's window of 65,536 recent sizes: only its first pass over the file makes these checkable.
    const tree = new MerkleTree();
    const tips = new Map<string, string>();
    const lines = [exportLine({ kind: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, origin: ORIGIN })];
    for (let i = 0; i < 70_000; i++) {
      const stream = `commitment-IDSMG${String(i % 50).padStart(4, '0')}`;
      const base = { stream, revision: Math.floor(i / 50), type: 'ProgressClaimed', schemaVersion: 1, data: `{"narrative":"claim ${i}"}`, metadata: '{"actorId":"admin-1"}', prevHash: tips.get(stream) ?? null };
      const hash = eventHash(base);
      tips.set(stream, hash);
      tree.append(entryHashBytes(hash));
      lines.push(exportLine({ kind: 'event', ...base, hash, position: String(i + 1) }));
    }
    const line = (size: number, root = tree.root(size)) => exportLine({ kind: 'checkpoint', note: signCheckpoint(ORIGIN, size, root, signer) });
    const exportFile = join(dir, 'late-checkpoints.ndjson');
    writeFileSync(exportFile, [...lines, line(1001), line(70_000)].join(''));
    const empty = join(dir, randomUUID());
    mkdirSync(empty);
    const onePass = await verifyExport(readExportFile(exportFile), { publicKey: keys.verifierKey });
    expect(onePass.failure).toMatchObject({ kind: 'checkpoint-too-late' });
    const good = await cli(empty, '--export', exportFile);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/events: +70000[\s\S]*checkpoints verified: +2[\s\S]*verified tree size: +70000/);
    const forgedFile = join(dir, 'late-forged-checkpoint.ndjson');
    writeFileSync(forgedFile, [...lines, line(1001, Buffer.alloc(32, 1))].join(''));
    const bad = await cli(empty, '--export', forgedFile);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED: checkpoint-root-mismatch');
    expect(bad.stdout).toContain('checkpoint at size 1001: the change is at or after leaf 0');
  }, 120_000);

  it('verifyEventStore checks a stored checkpoint that landed far after its size', async () => {
    const file = join(dir, `${randomUUID()}.sqlite`);
    const store = new SqliteEventStore({ file });
    try {
      const tree = new MerkleTree();
      for (let i = 0; i < 10; i++) await store.append('plan-2021', [progressClaim(i)], { expectedRevision: 'any' });
      for await (const e of store.readAll()) tree.append(entryHashBytes(e.hash));
      const event = checkpointSignedEvent(signCheckpoint(ORIGIN, tree.size, tree.root(), signer)); // size 10
      for (let i = 10; i < 40; i++) await store.append('commitment-IDSMG0001', [progressClaim(i)], { expectedRevision: 'any' });
      await store.append(CHECKPOINT_STREAM, [{ id: randomUUID(), type: event.type, schemaVersion: event.schemaVersion, data: { ...event.data }, metadata: auditMetadata('system') }], {
        expectedRevision: 'any',
      });
      // 30 events late, with a window of 8: the verifier finds the stored checkpoints first.
      const report = await verifyEventStore(store, { publicKey: keys.verifierKey, origin: ORIGIN, lateCheckpointWindow: 8 });
      expect(report).toMatchObject({ ok: true, events: 41, checkpointsVerified: 1, verifiedTreeSize: 10 });
    } finally {
      await store.close();
    }
  });
});
