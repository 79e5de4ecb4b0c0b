// Tampering with a real SQLite event store file behind the application's back: the offline verifier finds each edit.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ogp/event-store';
import {
  ExportedEvent,
  generateNoteKey,
  entryHashBytes,
  MerkleTree,
  parseSignerKey,
  signCheckpoint,
  verifyLedger,
  VerifyReport,
} from '@ogp/ledger';
import { exportedEvents, progressClaim, rewriteStreamWithFreshChain } from './ledger.fixtures';

const ORIGIN = 'ogp.example/semarang';
const keys = generateNoteKey(ORIGIN);
const signer = parseSignerKey(keys.signerKey);

/** The export of a store file. */
async function exportOf(file: string): Promise<ExportedEvent[]> {
  const store = new SqliteEventStore({ file });
  const out: ExportedEvent[] = [];
  try {
    for await (const e of exportedEvents(store)) out.push(e);
  } finally {
    await store.close();
  }
  return out;
}

describe('tampering with the SQLite event store file', () => {
  let dir: string;
  let pristine: string;
  const notes: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    pristine = join(dir, 'pristine.sqlite');
    const store = new SqliteEventStore({ file: pristine });
    const tree = new MerkleTree();
    const round = async (from: number) => {
      for (let i = from; i < from + 10; i++) {
        for (const stream of ['plan-2021', 'commitment-IDSMG0001', 'commitment-IDSMG0002']) {
          await store.append(stream, [progressClaim(i)], { expectedRevision: 'any' });
        }
      }
    };
    await round(0); // events 1..30
    await store.append('commitment-IDSMG0003', [progressClaim(100), progressClaim(101), progressClaim(102)], { expectedRevision: 'no_stream' });
    await round(10); // events 34..63
    await store.close();
    for (const e of await exportOf(pristine)) {
      tree.append(entryHashBytes(e.hash));
      // The reviewer keeps checkpoints at 30 and at the end.
      if (tree.size === 30) notes.push(signCheckpoint(ORIGIN, tree.size, tree.root(), signer));
    }
    notes.push(signCheckpoint(ORIGIN, tree.size, tree.root(), signer));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Copies the pristine file, edits the copy with plain SQL, and verifies its export. */
  async function tamper(sql: (db: Database.Database) => void): Promise<VerifyReport> {
    const file = join(dir, `${randomUUID()}.sqlite`);
    copyFileSync(pristine, file);
    const db = new Database(file);
    try {
      sql(db);
    } finally {
      db.close();
    }
    return verifyLedger(await exportOf(file), { publicKey: keys.verifierKey, origin: ORIGIN, checkpoints: notes });
  }

  it('verifies the untouched file against both checkpoints', async () => {
    const report = await tamper(() => undefined);
    expect(report).toMatchObject({ ok: true, events: 63, checkpointsVerified: 2, verifiedTreeSize: 63 });
  });

  it('finds a flipped byte in one event’s data at that event', async () => {
    const report = await tamper((db) => db.prepare(`UPDATE events SET data = replace(data, 'claim 4', 'claim 5') WHERE position = 14`).run());
    expect(report.failure).toMatchObject({ kind: 'hash-mismatch', event: { stream: 'commitment-IDSMG0001', revision: '4', position: '14/14', index: 13 } });
  });

  it('finds a deleted event at the next event of its stream', async () => {
    const report = await tamper((db) => db.prepare('DELETE FROM events WHERE position = 20').run());
    expect(report.failure).toMatchObject({ kind: 'revision-gap', event: { stream: 'commitment-IDSMG0001', revision: '7', position: '23/23' } });
  });

  it('finds two events of one stream swapped in the global order at the first of them', async () => {
    const report = await tamper((db) => {
      const swap = db.transaction(() => {
        db.prepare('UPDATE events SET position = -1 WHERE position = 4').run();
        db.prepare('UPDATE events SET position = 4 WHERE position = 7').run();
        db.prepare('UPDATE events SET position = 7 WHERE position = -1').run();
      });
      swap();
    });
    expect(report.failure).toMatchObject({ kind: 'revision-gap', event: { stream: 'plan-2021', revision: '2', index: 3 } });
  });

  it('finds two events of different streams swapped only through the checkpoint', async () => {
    const report = await tamper((db) => {
      db.transaction(() => {
        db.prepare('UPDATE events SET position = -1 WHERE position = 40').run();
        db.prepare('UPDATE events SET position = 40 WHERE position = 41').run();
        db.prepare('UPDATE events SET position = 41 WHERE position = -1').run();
      })();
    });
    expect(report.failure).toMatchObject({ kind: 'checkpoint-root-mismatch', checkpoint: { treeSize: 63, firstSuspectIndex: 30 } });
  });

  it('finds a stream rewritten with a freshly recomputed chain only through the checkpoint, at its first event', async () => {
    const report = await tamper((db) => {
      rewriteStreamWithFreshChain(db, 'commitment-IDSMG0003');
    });
    expect(report.failure).toMatchObject({
      kind: 'checkpoint-root-mismatch',
      event: { stream: 'commitment-IDSMG0003', revision: '0', position: '31/31', index: 30 },
    });
  });

  it('finds events deleted from the end through the checkpoint beyond the export', async () => {
    const report = await tamper((db) => db.prepare('DELETE FROM events WHERE position > 60').run());
    expect(report.failure).toMatchObject({ kind: 'checkpoint-beyond-log' });
  });
});
