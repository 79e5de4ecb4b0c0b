// The contract every MerkleNodeStore adapter passes; each adapter's spec calls it (it uses jest globals, so the
// library's index does not export it).
import { randomBytes } from 'node:crypto';
import { HASH_SIZE } from './merkle-hash';
import { InMemoryMerkleNodeStore, type MerkleNodeStore } from './merkle-node-store';
import { MerkleTree } from './merkle-tree';

export interface MerkleNodeStoreUnderTest {
  readonly store: MerkleNodeStore;
  /** The same store opened again (a restart), for adapters that keep their nodes; absent for in-memory ones. */
  readonly reopen?: () => MerkleNodeStore;
  readonly close?: () => void;
}

function nodeAt(store: MerkleNodeStore, level: number, index: number): Buffer {
  const out = Buffer.alloc(HASH_SIZE);
  store.read(level, index, out, 0);
  return out;
}

export function merkleNodeStoreContract(name: string, open: () => MerkleNodeStoreUnderTest): void {
  describe(`MerkleNodeStore contract: ${name}`, () => {
    let subject: MerkleNodeStoreUnderTest;
    beforeEach(() => {
      subject = open();
    });
    afterEach(() => subject.close?.());

    it('starts empty at every level', () => {
      for (const level of [0, 1, 5, 63]) expect(subject.store.count(level)).toBe(0);
      expect(() => nodeAt(subject.store, 0, 0)).toThrow(RangeError);
    });

    it('appends each level on its own, and reads back exactly the 32 bytes pushed, from any offset', () => {
      const { store } = subject;
      const src = randomBytes(5 * HASH_SIZE + 3);
      store.push(0, src, 3);
      store.push(0, src, 3 + HASH_SIZE);
      store.push(2, src, 3 + 2 * HASH_SIZE);
      expect([store.count(0), store.count(1), store.count(2)]).toEqual([2, 0, 1]);
      expect(nodeAt(store, 0, 1)).toEqual(src.subarray(3 + HASH_SIZE, 3 + 2 * HASH_SIZE));
      // The source buffer is the caller's scratch: changing it afterwards changes nothing stored.
      const kept = Buffer.from(src.subarray(3, 3 + HASH_SIZE));
      src.fill(0);
      expect(nodeAt(store, 0, 0)).toEqual(kept);
      const target = Buffer.alloc(3 * HASH_SIZE);
      store.read(2, 0, target, HASH_SIZE);
      expect(target.subarray(0, HASH_SIZE).equals(Buffer.alloc(HASH_SIZE))).toBe(true);
      expect(() => nodeAt(store, 0, 2)).toThrow(RangeError);
      expect(() => nodeAt(store, 1, 0)).toThrow(RangeError);
      expect(() => nodeAt(store, 0, -1)).toThrow(RangeError);
    });

    it('stores pushMany as that many pushes, across any number of nodes', () => {
      const { store } = subject;
      const count = 40_000;
      const src = randomBytes((count + 1) * HASH_SIZE);
      store.pushMany(0, src, HASH_SIZE, 7);
      store.pushMany(0, src, 8 * HASH_SIZE, count - 7);
      expect(store.count(0)).toBe(count);
      for (const i of [0, 6, 7, 32_767, 32_768, count - 1]) expect(nodeAt(store, 0, i)).toEqual(src.subarray((i + 1) * HASH_SIZE, (i + 2) * HASH_SIZE));
    });

    it('holds a Merkle tree equal to one kept in memory, also once opened again', () => {
      const reference = new MerkleTree(new InMemoryMerkleNodeStore());
      const tree = new MerkleTree(subject.store);
      const hashes = randomBytes(1000 * HASH_SIZE);
      reference.appendMany(hashes, 0, 1000);
      for (let i = 0; i < 600; i++) tree.append(hashes, i * HASH_SIZE);
      tree.appendMany(hashes, 600, 400);
      for (const size of [1, 2, 3, 511, 512, 513, 999, 1000]) expect(tree.root(size)).toEqual(reference.root(size));
      expect(tree.inclusionProof(777, 1000)).toEqual(reference.inclusionProof(777, 1000));
      expect(tree.consistencyProof(333, 1000)).toEqual(reference.consistencyProof(333, 1000));
      if (subject.reopen === undefined) return;
      // A restart: the tree goes on from the nodes the store kept.
      const again = new MerkleTree(subject.reopen());
      expect(again.size).toBe(1000);
      const more = randomBytes(37 * HASH_SIZE);
      for (let i = 0; i < 37; i++) again.append(more, i * HASH_SIZE);
      reference.appendMany(more, 0, 37);
      expect(again.root()).toEqual(reference.root());
      expect(again.consistencyProof(1000, 1037)).toEqual(reference.consistencyProof(1000, 1037));
    });
  });
}
