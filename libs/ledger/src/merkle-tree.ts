// The global log: an RFC 6962 Merkle tree over the event hashes in global order, appended incrementally.
import { EMPTY_TREE_ROOT, HASH_SIZE } from './merkle-hash';
import { InMemoryMerkleNodeStore, MerkleNodeStore } from './merkle-node-store';
import { sha256Leaf, sha256Node } from './merkle-sha256';
import { BatchHasher, defaultHasher } from './sha256-batch';
import { LedgerError } from './ledger-error';
import { isPowerOfTwo, splitPoint, toSafeSize, TreeSize } from './tree-size';

// Module-level copies of imported bindings used on the hot path: swc's CommonJS output reads every import through a
// getter on the exporting module, once per access.
const HASH = HASH_SIZE;
const leafInto = sha256Leaf;
const nodeInto = sha256Node;

/** Copies one 32-byte hash: a byte loop, where Buffer#copy's argument handling costs several times the copy. */
function copyHash(from: Uint8Array, fromOffset: number, to: Uint8Array, toOffset: number): void {
  for (let i = 0; i < HASH; i++) to[toOffset + i] = from[fromOffset + i]!;
}

/**
 * Append is O(1) amortised (O(log n) worst) hashes: each complete subtree is hashed once, when its last leaf
 * arrives, and kept in the node store. A root at any past size is then O(log n) hashes, an inclusion or
 * consistency proof O(log^2 n) at worst, with no rebuild.
 */
export class MerkleTree {
  /** The right child being closed, from a leaf up. */
  private readonly right = Buffer.allocUnsafe(HASH);
  /**
   * Per level, the last left child (even index): what the next right child is hashed with, kept here so that an
   * append reads nothing back from the store. 64 levels: more than any safe-integer tree size needs.
   */
  private readonly leftNodes = Buffer.alloc(64 * HASH);

  constructor(private readonly store: MerkleNodeStore = new InMemoryMerkleNodeStore()) {
    for (let level = 0, n = store.count(0); n > 0; n = store.count(++level)) {
      if (n % 2 === 1) store.read(level, n - 1, this.leftNodes, level * HASH);
    }
  }

  /** Number of leaves. */
  get size(): number {
    return this.store.count(0);
  }

  /** Appends the leaf for an event's 32-byte chain hash (bytes at entryHash[offset]); returns its leaf index. */
  append(entryHash: Uint8Array, offset = 0): number {
    if (entryHash.length < offset + HASH) throw new LedgerError('invalid-hash', 'entry hash must be 32 bytes');
    const index = this.size;
    if (index % 2 === 0) leafInto(entryHash, offset, this.leftNodes, 0);
    else leafInto(entryHash, offset, this.right, 0);
    return this.appendLeaf(index);
  }

  /**
   * Appends the leaves for `count` chain hashes (32 bytes each, from entryHashes[32 * first]) and closes every
   * subtree they complete, a level at a time: the leaves, then each level's new nodes, are hashed in one batch per
   * level (see sha256-batch.ts). The same tree as `count` calls of append().
   */
  appendMany(entryHashes: Buffer, first: number, count: number, hasher: BatchHasher = defaultHasher()): void {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 0 || count < 0 || entryHashes.length < (first + count) * HASH) {
      throw new LedgerError('invalid-hash', `entry hashes must hold ${count} hashes from index ${first}`);
    }
    if (count === 0) return;
    // work = [the level's unpaired left node, if any] + the level's new nodes; pairs in it are its parents' inputs.
    let work = this.scratch(0, (count + 1) * HASH);
    hasher.merkle(0, entryHashes.subarray(first * HASH, (first + count) * HASH), 32, count, work.subarray(HASH));
    let added = count;
    for (let level = 0; added > 0; level++) {
      const carry = this.store.count(level) % 2;
      this.store.pushMany(level, work, HASH, added);
      if (carry === 1) copyHash(this.leftNodes, level * HASH, work, 0);
      const from = carry === 1 ? work : work.subarray(HASH);
      const total = added + carry;
      const parents = Math.floor(total / 2);
      if (total % 2 === 1) copyHash(from, (total - 1) * HASH, this.leftNodes, level * HASH);
      if (parents === 0) break;
      const next = this.scratch((level + 1) % 2, (parents + 1) * HASH);
      hasher.merkle(1, from, 64, parents, next.subarray(HASH));
      work = next;
      added = parents;
    }
  }

  /** Two reusable buffers for appendMany's levels (a level's nodes are read while its parents are written). */
  private readonly scratchBuffers: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];

  private scratch(which: number, size: number): Buffer {
    if (this.scratchBuffers[which]!.length < size) this.scratchBuffers[which] = Buffer.allocUnsafe(Math.max(size, 2 * this.scratchBuffers[which]!.length));
    return this.scratchBuffers[which]!;
  }

  /** Appends an already computed leaf hash (SHA-256(0x00 || entry hash)); returns its leaf index. */
  appendLeafHash(leafHash: Uint8Array): number {
    if (leafHash.length !== HASH) throw new LedgerError('invalid-hash', 'leaf hash must be 32 bytes');
    const index = this.size;
    if (index % 2 === 0) this.leftNodes.set(leafHash, 0);
    else this.right.set(leafHash, 0);
    return this.appendLeaf(index);
  }

  /** The leaf hash at an index. */
  leafHash(index: TreeSize): Buffer {
    const i = toSafeSize(index, 'index');
    if (i >= this.size) throw new LedgerError('invalid-proof-request', `no leaf ${i} in a tree of size ${this.size}`);
    return this.node(0, i);
  }

  /** MTH of the first `size` leaves (default: all of them). */
  root(size?: TreeSize): Buffer {
    const n = this.checkSize(size);
    return n === 0 ? Buffer.from(EMPTY_TREE_ROOT) : this.subtree(0, n);
  }

  /** RFC 6962 PATH(index, D[size]): sibling hashes from the leaf up to the root. */
  inclusionProof(index: TreeSize, size?: TreeSize): Buffer[] {
    const n = this.checkSize(size);
    const m = toSafeSize(index, 'index');
    if (m >= n) throw new LedgerError('invalid-proof-request', `index ${m} is not below tree size ${n}`);
    const path: Buffer[] = [];
    let from = 0;
    let to = n;
    let at = m;
    // Walk down from the root; the recursion appends the sibling after the subpath, so collect then reverse.
    while (to - from > 1) {
      const k = splitPoint(to - from);
      if (at < k) {
        path.push(this.subtree(from + k, to - from - k));
        to = from + k;
      } else {
        path.push(this.subtree(from, k));
        from += k;
        at -= k;
      }
    }
    return path.reverse();
  }

  /** RFC 6962 PROOF(size1, D[size2]); empty when the sizes are equal. size1 must be at least 1. */
  consistencyProof(size1: TreeSize, size2?: TreeSize): Buffer[] {
    const n = this.checkSize(size2);
    const m = toSafeSize(size1, 'size1');
    if (m === 0 || m > n) throw new LedgerError('invalid-proof-request', `no consistency proof from size ${m} to ${n}`);
    const proof: Buffer[] = [];
    let from = 0;
    let count = n;
    let mm = m;
    let complete = true; // RFC 6962's b: whether the subtree so far is the whole old tree's leftmost part
    while (mm !== count) {
      const k = splitPoint(count);
      if (mm <= k) {
        proof.push(this.subtree(from + k, count - k));
        count = k;
      } else {
        proof.push(this.subtree(from, k));
        from += k;
        count -= k;
        mm -= k;
        complete = false;
      }
    }
    if (!complete) proof.push(this.subtree(from, count));
    return proof.reverse();
  }

  /**
   * Stores leaf `index`, then closes every subtree it completes. A node with an even index is a left child: it
   * lives in its level's slot of leftNodes (the leaf was written there); a right child lives in `right` and is
   * hashed with its left sibling, up the levels.
   */
  private appendLeaf(index: number): number {
    const right = this.right;
    const leftNodes = this.leftNodes;
    let i = index;
    let level = 0;
    this.store.push(0, i % 2 === 0 ? leftNodes : right, 0);
    while (i % 2 === 1) {
      level++;
      i = (i - 1) / 2;
      const out = i % 2 === 0 ? leftNodes : right;
      const at = i % 2 === 0 ? level * HASH : 0;
      nodeInto(leftNodes, (level - 1) * HASH, right, 0, out, at);
      this.store.push(level, out, at);
    }
    return index;
  }

  private checkSize(size: TreeSize | undefined): number {
    if (size === undefined) return this.size;
    const n = toSafeSize(size);
    if (n > this.size) throw new LedgerError('invalid-proof-request', `tree size ${n} is beyond the log's ${this.size}`);
    return n;
  }

  private node(level: number, index: number): Buffer {
    const out = Buffer.allocUnsafe(HASH);
    this.store.read(level, index, out, 0);
    return out;
  }

  /** MTH of leaves [from, from + count); `from` is aligned to the largest power of two <= count, as RFC 6962 splits. */
  private subtree(from: number, count: number): Buffer {
    if (isPowerOfTwo(count) && from % count === 0) return this.node(Math.log2(count), from / count);
    const k = splitPoint(count);
    const out = this.subtree(from, k);
    const right = this.subtree(from + k, count - k);
    nodeInto(out, 0, right, 0, out, 0);
    return out;
  }
}
