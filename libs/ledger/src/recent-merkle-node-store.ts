// A Merkle node store that keeps only the nodes the roots of the latest tree sizes need: memory bounded however long the log.
import { HASH_SIZE } from './merkle-hash';
import type { MerkleNodeStore } from './merkle-node-store';

// Module-level copy of an imported binding used on the hot path: swc's CommonJS output reads every import through a
// getter on the exporting module, once per access.
const HASH = HASH_SIZE;
/** The largest window: about 1 GB of nodes. */
const MAX_WINDOW = 2 ** 24;

/**
 * Keeps the newest floor(window / 2^level) + 2 nodes of each level, in one ring Buffer per level (no per-node
 * objects): about 64 bytes per unit of window, whatever the number of leaves. That is every node MerkleTree.root(s)
 * reads for any size s at most `window` below the current size n: root(s) reads node (L, floor(s / 2^L) - 1) for
 * each set bit L of s, and floor(n / 2^L) - floor(s / 2^L) <= floor((n - s) / 2^L) + 1, so that node is among the
 * newest floor(window / 2^L) + 2 of level L. Reading an evicted node throws a RangeError: holdsRootOf() tells
 * beforehand whether root(s) can be computed (often also for sizes further behind).
 */
export class RecentMerkleNodeStore implements MerkleNodeStore {
  private readonly rings: Buffer[] = [];
  private readonly counts: number[] = [];

  constructor(readonly window: number) {
    if (!Number.isSafeInteger(window) || window < 1 || window > MAX_WINDOW) throw new RangeError(`window must be 1 to ${MAX_WINDOW}, got ${window}`);
  }

  /** Bytes held in nodes: the rings of the levels in use (a level of 2 nodes more each time the log doubles). */
  get bytes(): number {
    let total = 0;
    for (const ring of this.rings) total += ring.length;
    return total;
  }

  /** How many nodes the level keeps. */
  capacity(level: number): number {
    return Math.floor(this.window / 2 ** level) + 2;
  }

  count(level: number): number {
    return this.counts[level] ?? 0;
  }

  /** Whether node (level, index) exists and is still kept. */
  holds(level: number, index: number): boolean {
    const n = this.count(level);
    return Number.isSafeInteger(index) && index >= 0 && index < n && index >= n - this.capacity(level);
  }

  /** Whether every node that MerkleTree.root(size) reads is kept (always, for sizes at most `window` behind). */
  holdsRootOf(size: number): boolean {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.count(0)) return false;
    // Arithmetic rather than bit operators: sizes go past 2^31.
    for (let level = 0, rest = size; rest > 0; level++, rest = Math.floor(rest / 2)) {
      if (rest % 2 === 1 && !this.holds(level, rest - 1)) return false;
    }
    return true;
  }

  push(level: number, src: Uint8Array, offset: number): void {
    const ring = this.ring(level);
    const n = this.counts[level]!;
    // A byte loop rather than set(subarray()): no view object per node on the append hot path.
    const at = (n % (ring.length / HASH)) * HASH;
    for (let i = 0; i < HASH; i++) ring[at + i] = src[offset + i]!;
    this.counts[level] = n + 1;
  }

  pushMany(level: number, src: Buffer, offset: number, count: number): void {
    const ring = this.ring(level);
    const capacity = ring.length / HASH;
    const n = this.counts[level]!;
    // Nodes that a longer batch pushes out of the ring at once are not written at all.
    let done = Math.max(0, count - capacity);
    let slot = (n + done) % capacity;
    while (done < count) {
      const k = Math.min(count - done, capacity - slot);
      // TypedArray#set, not Buffer#copy: the same memmove with far less argument handling per call.
      ring.set(src.subarray(offset + done * HASH, offset + (done + k) * HASH), slot * HASH);
      done += k;
      slot = 0;
    }
    this.counts[level] = n + count;
  }

  read(level: number, index: number, target: Uint8Array, offset: number): void {
    if (!this.holds(level, index)) {
      const evicted = Number.isSafeInteger(index) && index >= 0 && index < this.count(level);
      throw new RangeError(
        evicted ? `Merkle node at level ${level}, index ${index} is no longer kept (window ${this.window})` : `no Merkle node at level ${level}, index ${index}`,
      );
    }
    const ring = this.rings[level]!;
    const at = (index % (ring.length / HASH)) * HASH;
    ring.copy(target, offset, at, at + HASH);
  }

  private ring(level: number): Buffer {
    while (this.rings.length <= level) {
      this.rings.push(Buffer.allocUnsafe(this.capacity(this.rings.length) * HASH));
      this.counts.push(0);
    }
    return this.rings[level]!;
  }
}
