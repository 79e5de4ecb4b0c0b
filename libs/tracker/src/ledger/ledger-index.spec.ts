// The ledger index's SQLite node store passes the MerkleNodeStore contract of @ogp/ledger, kept across a reopen.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The contract uses jest globals, so @ogp/ledger's index does not export it: imported from its file, as a spec only.
import { merkleNodeStoreContract } from '../../../ledger/src/merkle-node-store.contract';
import { LedgerIndex, PRIVATE_INDEX_PREFIX, removeAbandonedPrivateIndexes } from './ledger-index';

merkleNodeStoreContract('SqliteMerkleNodeStore (LedgerIndex)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-ledger-index-spec-'));
  const file = join(dir, 'ledger.sqlite');
  let index = LedgerIndex.open(file);
  return {
    store: index.nodes,
    reopen: () => {
      index.close();
      index = LedgerIndex.open(file);
      return index.nodes;
    },
    close: () => {
      index.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('LedgerIndex', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-ledger-index-leaves-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps unsigned 64-bit positions, answers an id in any case with its last leaf, and drops what a rollback drops', () => {
    const file = join(dir, 'ledger.sqlite');
    const index = LedgerIndex.open(file);
    const top = 2n ** 64n - 1n;
    index.addLeaf(0, 'AB000000-0000-4000-8000-000000000001', { commit: top, prepare: 2n ** 63n }, false);
    // EventStoreDB checks event ids within a stream only: the same id again is a later leaf, not an error.
    index.addLeaf(1, 'ab000000-0000-4000-8000-000000000001', { commit: 5n, prepare: 5n }, true);
    index.flush();
    expect(index.leaf(0)).toEqual({ eventId: 'ab000000-0000-4000-8000-000000000001', position: { commit: top, prepare: 2n ** 63n }, checkpoint: false });
    expect(index.leafOf('AB000000-0000-4000-8000-000000000001')).toBe(1);

    index.addLeaf(2, 'ab000000-0000-4000-8000-000000000003', { commit: 6n, prepare: 6n }, false);
    index.nodes.push(0, Buffer.alloc(32, 7), 0);
    index.rollback();
    expect([index.leafCount(), index.nodes.count(0), index.leafOf('ab000000-0000-4000-8000-000000000003')]).toEqual([2, 0, undefined]);
    index.close();
    const again = LedgerIndex.open(file);
    expect(again.leafCount()).toBe(2);
    again.close();
  });
});

describe('removeAbandonedPrivateIndexes', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A private index folder as LedgerIndex.open makes one, its index file closed unless `hold`, made `ageMs` ago. */
  function privateIndex(ageMs: number, hold: boolean): { dir: string; index: LedgerIndex | null } {
    const dir = mkdtempSync(join(tmpdir(), PRIVATE_INDEX_PREFIX));
    made.push(dir);
    const index = LedgerIndex.open(join(dir, 'ledger.sqlite'));
    if (!hold) index.close();
    const then = new Date(Date.now() - ageMs);
    utimesSync(dir, then, then);
    return { dir, index: hold ? index : null };
  }

  it('removes the folders of processes gone, and leaves those held or just made', () => {
    const abandoned = privateIndex(5 * 60_000, false);
    const held = privateIndex(5 * 60_000, true);
    const young = privateIndex(1_000, false);
    removeAbandonedPrivateIndexes(Date.now());
    expect([existsSync(abandoned.dir), existsSync(held.dir), existsSync(young.dir)]).toEqual([false, true, true]);
    held.index!.close();
  });

  it('leaves a folder whose index is a link to a file elsewhere, and that file, untouched', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ogp-ledger-elsewhere-'));
    made.push(elsewhere);
    const victim = join(elsewhere, 'victim.sqlite');
    new Database(victim).exec('CREATE TABLE t (n INTEGER)');
    const dir = mkdtempSync(join(tmpdir(), PRIVATE_INDEX_PREFIX));
    made.push(dir);
    symlinkSync(victim, join(dir, 'ledger.sqlite'));
    const then = new Date(Date.now() - 5 * 60_000);
    utimesSync(dir, then, then);
    removeAbandonedPrivateIndexes(Date.now());
    const db = new Database(victim, { readonly: true });
    expect([existsSync(dir), db.pragma('journal_mode', { simple: true })]).toEqual([true, 'delete']);
    db.close();
  });

  it('never fails: a temporary directory that cannot be listed is left as it is', () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = join(tmpdir(), 'ogp-no-such-folder');
    try {
      expect(() => removeAbandonedPrivateIndexes(Date.now())).not.toThrow();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});

describe('LedgerIndex.open on a damaged file', () => {
  it('sets aside a file that is not a database, says so, and opens a new, empty index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogp-ledger-index-damaged-'));
    try {
      const file = join(dir, 'ledger.sqlite');
      writeFileSync(file, randomBytes(8192));
      const told: string[] = [];
      const index = LedgerIndex.open(file, () => undefined, (message) => told.push(message), () => 77);
      expect(index.leafCount()).toBe(0);
      index.close();
      expect(existsSync(`${file}.damaged-77`)).toBe(true);
      expect(told).toEqual([expect.stringContaining(`set aside as ${file}.damaged-77`)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
