// The incremental tree against RFC 6962's recursive definition, and its proofs against the verifiers.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_TREE_ROOT, merkleLeafHash, merkleRootOf } from './merkle-hash';
import { verifyConsistency, verifyInclusion } from './merkle-proof';
import { InMemoryMerkleNodeStore } from './merkle-node-store';
import { MerkleTree } from './merkle-tree';
import { javascriptHasher, nativeHasher } from './sha256-batch';

const entry = (i: number): Buffer => createHash('sha256').update(`event ${i}`).digest();

function treeOf(n: number): { tree: MerkleTree; leaves: Buffer[] } {
  const tree = new MerkleTree();
  const leaves: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    tree.append(entry(i));
    leaves.push(merkleLeafHash(entry(i)));
  }
  return { tree, leaves };
}

const flipBit = (proof: Buffer[], at: number, bit: number): Buffer[] =>
  proof.map((p, i) => {
    if (i !== at) return p;
    const q = Buffer.from(p);
    q[bit >> 3]! ^= 1 << (bit & 7);
    return q;
  });

describe('MerkleTree', () => {
  const { tree, leaves } = treeOf(70);

  it.each([nativeHasher(), javascriptHasher].filter((h) => h !== null).map((h) => [h!.name, h!] as const))(
    'appendMany (%s hashing) builds the tree that append does, in runs of any length from any size',
    (_name, hasher) => {
      const entries = Buffer.concat(Array.from({ length: 300 }, (_, i) => entry(i)));
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 12 }), (runs) => {
          const batched = new MerkleTree();
          let size = 0;
          for (const [i, run] of runs.entries()) {
            const count = Math.min(run, 300 - size);
            // Every other run one leaf at a time: appendMany must pick up from append's state and leave it usable.
            if (i % 2 === 0) batched.appendMany(entries, size, count, hasher);
            else for (let k = size; k < size + count; k++) batched.append(entries, 32 * k);
            size += count;
          }
          expect(batched.size).toBe(size);
          const { tree: expected } = treeOf(size);
          for (let n = 1; n <= size; n += 1 + (n >> 3)) expect(batched.root(n)).toEqual(expected.root(n));
          if (size > 0) expect(batched.root()).toEqual(expected.root());
        }),
        { numRuns: 60 },
      );
    },
  );

  it('appendMany refuses a range beyond its buffer', () => {
    expect(() => new MerkleTree().appendMany(Buffer.alloc(64), 1, 2)).toThrow(/2 hashes from index 1/);
  });

  it('has the empty root at size 0', () => {
    expect(new MerkleTree().root()).toEqual(EMPTY_TREE_ROOT);
    expect(EMPTY_TREE_ROOT.toString('base64')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('gives at every past size the root that MTH computes from scratch', () => {
    for (let n = 1; n <= leaves.length; n++) expect(tree.root(n)).toEqual(merkleRootOf(leaves.slice(0, n)));
  });

  it('gives the same tree from leaf hashes as from entry hashes, mixed in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 70 }), (asLeaf) => {
        const mixed = new MerkleTree();
        asLeaf.forEach((leaf, i) => (leaf ? mixed.appendLeafHash(merkleLeafHash(entry(i))) : mixed.append(entry(i))));
        expect(mixed.root()).toEqual(tree.root(asLeaf.length));
      }),
      { numRuns: 50 },
    );
  });

  it('carries on appending over a store that another tree filled', () => {
    for (let n = 0; n <= 19; n++) {
      const store = new InMemoryMerkleNodeStore();
      const first = new MerkleTree(store);
      for (let i = 0; i < n; i++) first.append(entry(i));
      const second = new MerkleTree(store);
      for (let i = n; i < 40; i++) second.append(entry(i));
      expect(second.root()).toEqual(tree.root(40));
    }
  });

  it('accepts sizes as bigint and rejects unsafe or future sizes', () => {
    expect(tree.root(5n)).toEqual(tree.root(5));
    expect(() => tree.root(2n ** 60n)).toThrow(/safe integer/);
    expect(() => tree.root(2n ** 53n + 1n)).toThrow(/beyond 2\^53/);
    expect(() => tree.root(71)).toThrow(/beyond the log/);
    expect(() => tree.root(1.5)).toThrow(/safe integer/);
  });

  it('builds inclusion proofs that verify, and fail with a flipped bit, wrong index or wrong size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), fc.nat(), (size, rawIndex, bit) => {
        const index = rawIndex % size;
        const proof = tree.inclusionProof(index, size);
        const root = tree.root(size);
        expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
        if (proof.length > 0) {
          const at = bit % proof.length;
          expect(verifyInclusion(leaves[index]!, index, size, flipBit(proof, at, bit % 256), root)).toBe(false);
        }
        const other = (index + 1 + (bit % (size + 3))) % (size + 3);
        if (other !== index) expect(verifyInclusion(leaves[index]!, other, size, proof, root)).toBe(false);
        if (size < 70) expect(verifyInclusion(leaves[index]!, index, size + 1, proof, tree.root(size + 1))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('builds consistency proofs that verify, and fail with a flipped bit or wrong sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.nat(), (a, b, bit) => {
        const [size1, size2] = a <= b ? [a, b] : [b, a];
        const proof = tree.consistencyProof(size1, size2);
        const r1 = tree.root(size1);
        const r2 = tree.root(size2);
        expect(verifyConsistency(size1, size2, proof, r1, r2)).toBe(true);
        if (proof.length > 0) {
          expect(verifyConsistency(size1, size2, flipBit(proof, bit % proof.length, bit % 256), r1, r2)).toBe(false);
        }
        if (size1 < size2) {
          expect(verifyConsistency(size1 + 1, size2, proof, tree.root(size1 + 1), r2)).toBe(false);
          expect(verifyConsistency(size1, size2, proof, r2, r1)).toBe(false);
        }
        if (size2 < 70) expect(verifyConsistency(size1, size2 + 1, proof, r1, tree.root(size2 + 1))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps roots equal to MTH for random sizes built incrementally', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        const built = treeOf(n);
        expect(built.tree.root()).toEqual(merkleRootOf(built.leaves));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses proofs it cannot make', () => {
    expect(() => tree.inclusionProof(70, 70)).toThrow(/not below/);
    expect(() => tree.consistencyProof(0, 5)).toThrow(/no consistency proof/);
    expect(tree.consistencyProof(5, 5)).toEqual([]);
  });
});
