// The live ledger log's index on disk (DATA_DIR/ledger.sqlite): Merkle nodes, each leaf's event, signed checkpoints.
import Database from 'better-sqlite3';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDamagedDatabaseError, type Position, setAsideDamagedFile } from '@ogp/event-store';
import { HASH_SIZE, type MerkleNodeStore } from '@ogp/ledger';

/** Prefix of the private index folders kept in the temporary directory (see LedgerIndex.open). */
export const PRIVATE_INDEX_PREFIX = 'ogp-ledger-private-index-';
/** A private folder younger than this may belong to a process that has not locked its file yet: left alone. */
const PRIVATE_INDEX_GRACE_MS = 60_000;

/** Levels a tree of safe-integer size can have. */
const MAX_LEVELS = 64;

/** MerkleNodeStore adapter on SQLite: one row per node, (level, index) -> 32 bytes. */
export class SqliteMerkleNodeStore implements MerkleNodeStore {
  private readonly counts: number[] = [];
  private readonly insert: Database.Statement<[number, number, Buffer]>;
  private readonly select: Database.Statement<[number, number], Buffer>;

  constructor(
    private readonly db: Database.Database,
    /** Called before each write: LedgerIndex opens its batch transaction there, so nodes and leaves commit together. */
    private readonly beforeWrite: () => void = () => undefined,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS merkle_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) WITHOUT ROWID');
    this.insert = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
    this.select = db.prepare<[number, number], Buffer>('SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?').pluck(true);
    this.lastIndex = db.prepare<[number], number>('SELECT idx FROM merkle_nodes WHERE level = ? ORDER BY idx DESC LIMIT 1').pluck(true);
    this.reload();
  }

  private readonly lastIndex: Database.Statement<[number], number>;

  /** Counts the nodes of each level again, as committed (after a rollback). */
  reload(): void {
    this.counts.length = 0;
    // Nodes are appended left to right, so a level's count is its last index + 1 (an indexed look-up per level).
    for (let level = 0; level < MAX_LEVELS; level++) {
      const index = this.lastIndex.get(level);
      if (index === undefined) break;
      this.counts[level] = index + 1;
    }
  }

  /** Whether every level holds the parents of the level below it: floor(count / 2) each, none missing. */
  consistent(): boolean {
    for (let level = 1; level < MAX_LEVELS; level++) {
      if (this.count(level) !== Math.floor(this.count(level - 1) / 2)) return false;
      if (this.count(level) === 0) return true;
    }
    return true;
  }

  count(level: number): number {
    return this.counts[level] ?? 0;
  }

  /** Deletes every node. */
  clear(): void {
    this.beforeWrite();
    this.db.exec('DELETE FROM merkle_nodes');
    this.counts.length = 0;
  }

  push(level: number, src: Uint8Array, offset: number): void {
    this.beforeWrite();
    const index = this.count(level);
    // A copy: src is the tree's scratch buffer.
    this.insert.run(level, index, Buffer.from(src.subarray(offset, offset + HASH_SIZE)));
    this.counts[level] = index + 1;
  }

  pushMany(level: number, src: Buffer, offset: number, count: number): void {
    for (let i = 0; i < count; i++) this.push(level, src, offset + i * HASH_SIZE);
  }

  read(level: number, index: number, target: Uint8Array, offset: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.count(level)) throw new RangeError(`no Merkle node at level ${level}, index ${index}`);
    target.set(this.select.get(level, index)!, offset);
  }
}

/** What the log knows of the event at a leaf. */
export interface LeafRecord {
  readonly eventId: string;
  readonly position: Position;
  /** A CheckpointSigned event of the checkpoint stream. */
  readonly checkpoint: boolean;
}

/**
 * The ledger log's state, kept on disk so that the server's memory and its work at start-up do not grow with the
 * history: the Merkle tree's nodes, the event id and position of each leaf, and the signed checkpoints. Like the read
 * models it can be rebuilt from the event store at any time (delete the file).
 *
 * Writes are grouped: the first opens a transaction, committed on the next turn of the event loop (or by flush), so
 * that a batch of events costs one commit. What a crash loses is a tail of leaves that the log reads again from the
 * store; the tree and its leaves are always committed together.
 *
 * One process at a time: the file is held with an exclusive lock. Another process given the same DATA_DIR (a second
 * server) keeps its index in a private temporary file instead, built from the store at start.
 */
export class LedgerIndex {
  readonly nodes: SqliteMerkleNodeStore;
  private readonly statements: {
    addLeaf: Database.Statement<[number, string, bigint, bigint, number]>;
    leafOf: Database.Statement<[string], number>;
    leaf: Database.Statement<[number], { event_id: string; commit_pos: bigint; prepare_pos: bigint; checkpoint: bigint }>;
    addCheckpoint: Database.Statement<[number, string]>;
    checkpointAt: Database.Statement<[number], string>;
    latestCheckpoint: Database.Statement<[], { size: number; note: string }>;
  };
  private flushScheduled = false;

  /** Called when a scheduled commit failed and was rolled back: what was written since the last commit is gone. */
  onCommitFailed: (error: unknown) => void = () => undefined;

  private constructor(
    private readonly db: Database.Database,
    /** The private directory removed on close, when another process holds DATA_DIR's file. */
    private readonly privateDir: string | null,
  ) {
    // Event ids are not unique keys: EventStoreDB checks them within a stream only (the last leaf of an id wins, as
    // a lookup by id answers). Positions are unsigned 64-bit, stored as the signed integers of the same bits.
    db.exec(`CREATE TABLE IF NOT EXISTS leaves (leaf INTEGER PRIMARY KEY, event_id TEXT NOT NULL, commit_pos INTEGER NOT NULL,
               prepare_pos INTEGER NOT NULL, checkpoint INTEGER NOT NULL);
             CREATE INDEX IF NOT EXISTS leaves_by_event_id ON leaves (event_id);
             CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);`);
    this.nodes = new SqliteMerkleNodeStore(db, () => this.writing());
    this.statements = {
      addLeaf: db.prepare('INSERT INTO leaves (leaf, event_id, commit_pos, prepare_pos, checkpoint) VALUES (?, ?, ?, ?, ?)'),
      leafOf: db.prepare<[string], number>('SELECT leaf FROM leaves WHERE event_id = ? ORDER BY leaf DESC LIMIT 1').pluck(true),
      leaf: db.prepare<[number], { event_id: string; commit_pos: bigint; prepare_pos: bigint; checkpoint: bigint }>(
        'SELECT event_id, commit_pos, prepare_pos, checkpoint FROM leaves WHERE leaf = ?',
      ).safeIntegers(true),
      addCheckpoint: db.prepare('INSERT OR IGNORE INTO checkpoints (size, note) VALUES (?, ?)'),
      checkpointAt: db.prepare<[number], string>('SELECT note FROM checkpoints WHERE size = ?').pluck(true),
      latestCheckpoint: db.prepare<[], { size: number; note: string }>('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1'),
    };
  }

  /**
   * Opens (or creates) the index at `file` and takes its exclusive lock; when another process holds it, opens a
   * private temporary index instead and calls `onPrivate` with the reason. A file SQLite cannot read as a database is
   * set aside (`<file>.damaged-<ms>`, told to `onSetAside`) and a new index is made, which the log builds from the
   * store: the index is a cache of the log, whose checkpoints are events in the store.
   */
  static open(file: string, onPrivate: (reason: string) => void = () => undefined, onSetAside: (message: string) => void = () => undefined, now: () => number = Date.now): LedgerIndex {
    try {
      return new LedgerIndex(lockedDatabase(file), null);
    } catch (error) {
      const code = String((error as { code?: unknown }).code);
      if (isDamagedDatabaseError(error)) {
        const setAside = setAsideDamagedFile(file, now);
        onSetAside(`${file} was not a readable SQLite database (${code}): set aside as ${setAside}; a new index is built from the store`);
        return LedgerIndex.open(file, onPrivate, onSetAside, now);
      }
      if (code !== 'SQLITE_BUSY') throw error;
      removeAbandonedPrivateIndexes(Date.now());
      const dir = mkdtempSync(join(tmpdir(), PRIVATE_INDEX_PREFIX));
      onPrivate(`${file} is held by another process`);
      return new LedgerIndex(lockedDatabase(join(dir, 'ledger.sqlite')), dir);
    }
  }

  /** Leaves recorded (equal to the tree's size: both are written in one transaction). */
  leafCount(): number {
    return this.db.prepare('SELECT coalesce(max(leaf) + 1, 0) FROM leaves').pluck(true).get() as number;
  }

  addLeaf(index: number, eventId: string, position: Position, checkpoint: boolean): void {
    this.writing();
    this.statements.addLeaf.run(index, eventId.toLowerCase(), BigInt.asIntN(64, position.commit), BigInt.asIntN(64, position.prepare), checkpoint ? 1 : 0);
  }

  leafOf(eventId: string): number | undefined {
    return this.statements.leafOf.get(eventId.toLowerCase());
  }

  leaf(index: number): LeafRecord | undefined {
    const row = this.statements.leaf.get(index);
    if (row === undefined) return undefined;
    return { eventId: row.event_id, position: { commit: BigInt.asUintN(64, row.commit_pos), prepare: BigInt.asUintN(64, row.prepare_pos) }, checkpoint: row.checkpoint === 1n };
  }

  /** Records a signed checkpoint note (the first note at a size stays). */
  addCheckpoint(size: number, note: string): void {
    this.writing();
    this.statements.addCheckpoint.run(size, note);
  }

  checkpointAt(size: number): string | null {
    return this.statements.checkpointAt.get(size) ?? null;
  }

  latestCheckpoint(): { readonly treeSize: number; readonly note: string } | null {
    const row = this.statements.latestCheckpoint.get();
    return row === undefined ? null : { treeSize: row.size, note: row.note };
  }

  /** Forgets everything (the index belongs to another history): the log is then built again from the store. */
  clear(): void {
    this.writing();
    this.db.exec('DELETE FROM leaves; DELETE FROM checkpoints;');
    this.nodes.clear();
    this.flush();
  }

  /** Commits the writes made since the last commit. */
  flush(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /** Drops the writes made since the last commit (a write failed): the index is as last committed again. */
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.nodes.reload();
  }

  close(): void {
    this.flush();
    this.db.close();
    if (this.privateDir !== null) rmSync(this.privateDir, { recursive: true, force: true });
  }

  private writing(): void {
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN');
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.db.open) return;
      try {
        this.flush();
      } catch (error) {
        this.rollback();
        this.onCommitFailed(error);
      }
    });
  }
}

/**
 * Removes the private index folders that no process holds any more: a process killed before its close (a CLI
 * stopped with Ctrl-C while the server ran) leaves its folder behind, and the next private index sweeps it. Best
 * effort: a failure leaves folders behind, never stops a start. Only real folders of this user holding a real file
 * are touched, so that a link planted in a shared temporary directory cannot point the sweep at another database.
 */
export function removeAbandonedPrivateIndexes(now: number): void {
  try {
    for (const name of readdirSync(tmpdir())) {
      if (name.startsWith(PRIVATE_INDEX_PREFIX)) removeIfAbandoned(join(tmpdir(), name), now);
    }
  } catch {
    // The temporary directory cannot be listed: nothing to sweep.
  }
}

function removeIfAbandoned(dir: string, now: number): void {
  try {
    const folder = lstatSync(dir);
    if (!folder.isDirectory() || folder.uid !== process.getuid?.() || now - folder.mtimeMs < PRIVATE_INDEX_GRACE_MS) return;
    const file = join(dir, 'ledger.sqlite');
    const index = lstatSync(file, { throwIfNoEntry: false });
    if (index !== undefined) {
      if (!index.isFile()) return;
      lockedDatabase(file).close();
    }
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Held by a live process (SQLITE_BUSY), or removed by another sweeper meanwhile: not ours to remove.
  }
}

/**
 * A connection holding the file's lock for as long as it is open (locking_mode EXCLUSIVE, taken by a first write
 * transaction), failing at once with SQLITE_BUSY when another process holds it. WAL with synchronous NORMAL: a
 * crash keeps the file consistent; a power cut may lose its last transactions, which the log reads again.
 */
function lockedDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
