// Where a Merkle tree keeps its complete-subtree hashes: a port (so it can be persisted later) and its in-memory adapter.
import { HASH_SIZE } from './merkle-hash';

/**
 * Hashes of complete, aligned subtrees: level 0 holds the leaf hashes; node (level, i) is the root of leaves
 * [i * 2^level, (i + 1) * 2^level). Nodes are only ever appended, left to right, level by level.
 */
export interface MerkleNodeStore {
  /** How many nodes the level holds. */
  count(level: number): number;
  /** Appends the 32 bytes at src[offset] as the next node of the level. */
  push(level: number, src: Uint8Array, offset: number): void;
  /** Appends `count` nodes, 32 bytes each from src[offset], in order. */
  pushMany(level: number, src: Buffer, offset: number, count: number): void;
  /** Copies node (level, index) into target[offset..offset+32). */
  read(level: number, index: number, target: Uint8Array, offset: number): void;
}

// Module-level copies of imported bindings used on the hot path: swc's CommonJS output reads every import through a
// getter on the exporting module, once per access.
const HASH = HASH_SIZE;
const LEAF_CHUNK = 1 << 15; // 32768 hashes = 1 MiB per chunk at level 0

/**
 * Keeps every level in fixed-size Buffer chunks: 32 bytes per leaf plus 32 per interior node (~64 MB for a million
 * events), no per-node objects, no copying when it grows.
 */
export class InMemoryMerkleNodeStore implements MerkleNodeStore {
  private readonly levels: { chunks: Buffer[]; count: number; perChunk: number }[] = [];

  count(level: number): number {
    return this.levels[level]?.count ?? 0;
  }

  push(level: number, src: Uint8Array, offset: number): void {
    const l = this.level(level);
    const slot = l.count % l.perChunk;
    if (slot === 0) l.chunks.push(Buffer.allocUnsafe(l.perChunk * HASH));
    const chunk = l.chunks[l.chunks.length - 1]!;
    // A byte loop rather than set(subarray()): no view object per node on the append hot path.
    const at = slot * HASH;
    for (let i = 0; i < HASH; i++) chunk[at + i] = src[offset + i]!;
    l.count++;
  }

  pushMany(level: number, src: Buffer, offset: number, count: number): void {
    const l = this.level(level);
    for (let done = 0; done < count; ) {
      const slot = l.count % l.perChunk;
      if (slot === 0) l.chunks.push(Buffer.allocUnsafe(l.perChunk * HASH));
      const n = Math.min(count - done, l.perChunk - slot);
      // TypedArray#set, not Buffer#copy: the same memmove with far less argument handling per call.
      l.chunks[l.chunks.length - 1]!.set(src.subarray(offset + done * HASH, offset + (done + n) * HASH), slot * HASH);
      l.count += n;
      done += n;
    }
  }

  read(level: number, index: number, target: Uint8Array, offset: number): void {
    const l = this.levels[level];
    if (l === undefined || index >= l.count || index < 0) {
      throw new RangeError(`no Merkle node at level ${level}, index ${index}`);
    }
    const chunk = l.chunks[Math.floor(index / l.perChunk)]!;
    const at = (index % l.perChunk) * HASH;
    chunk.copy(target, offset, at, at + HASH);
  }

  private level(level: number): { chunks: Buffer[]; count: number; perChunk: number } {
    while (this.levels.length <= level) {
      this.levels.push({ chunks: [], count: 0, perChunk: Math.max(64, LEAF_CHUNK >> this.levels.length) });
    }
    return this.levels[level]!;
  }
}
