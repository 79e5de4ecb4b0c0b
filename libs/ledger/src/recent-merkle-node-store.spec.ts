// The recent node store against the in-memory one: the same nodes and roots within its window, refusals outside it.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { InMemoryMerkleNodeStore, MerkleNodeStore } from './merkle-node-store';
import { MerkleTree } from './merkle-tree';
import { RecentMerkleNodeStore } from './recent-merkle-node-store';

const entries = Buffer.concat(Array.from({ length: 1200 }, (_, i) => createHash('sha256').update(`event ${i}`).digest()));

/** A tree over each store, grown by the same runs: even runs by appendMany, odd ones a leaf at a time. */
function grow(window: number, runs: readonly number[], onStep: (grown: Grown) => void = () => undefined): Grown {
  const recentStore = new RecentMerkleNodeStore(window);
  const fullStore = new InMemoryMerkleNodeStore();
  const recent = new MerkleTree(recentStore);
  const full = new MerkleTree(fullStore);
  let size = 0;
  for (const [i, run] of runs.entries()) {
    const count = Math.min(run, 1200 - size);
    for (const tree of [recent, full]) {
      if (i % 2 === 0) tree.appendMany(entries, size, count);
      else for (let k = size; k < size + count; k++) tree.append(entries, 32 * k);
    }
    size += count;
    onStep({ recentStore, fullStore, recent, full });
  }
  return { recentStore, fullStore, recent, full };
}

interface Grown {
  readonly recentStore: RecentMerkleNodeStore;
  readonly fullStore: InMemoryMerkleNodeStore;
  readonly recent: MerkleTree;
  readonly full: MerkleTree;
}

/** The node as hex, or 'RangeError' if the store refuses it. */
function nodeOrError(store: MerkleNodeStore, level: number, index: number): string {
  const out = Buffer.alloc(32);
  try {
    store.read(level, index, out, 0);
  } catch (err) {
    if (err instanceof RangeError) return 'RangeError';
    throw err;
  }
  return out.toString('hex');
}

/** The root at a size as hex, or 'RangeError' if the tree's store no longer has its nodes. */
function rootOrError(tree: MerkleTree, size: number): string {
  try {
    return tree.root(size).toString('hex');
  } catch (err) {
    if (err instanceof RangeError) return 'RangeError';
    throw err;
  }
}

describe('RecentMerkleNodeStore', () => {
  const windows = fc.constantFrom(1, 2, 3, 5, 16, 37, 100);
  const runs = fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 10 });

  it('reads what the in-memory store reads for every node it keeps, and throws a RangeError for the others', () => {
    fc.assert(
      fc.property(windows, runs, (window, lengths) => {
        const { recentStore, fullStore } = grow(window, lengths);
        for (let level = 0; fullStore.count(level) > 0; level++) {
          const n = fullStore.count(level);
          expect(recentStore.count(level)).toBe(n);
          const kept = n - recentStore.capacity(level);
          // The kept nodes and 20 evicted ones; plain comparisons, an expect only for a difference (thousands per run).
          for (let index = Math.max(0, kept - 20); index < n; index++) {
            const got = { held: recentStore.holds(level, index), node: nodeOrError(recentStore, level, index) };
            const wanted = index >= kept ? { held: true, node: nodeOrError(fullStore, level, index) } : { held: false, node: 'RangeError' };
            if (got.held !== wanted.held || got.node !== wanted.node) expect({ level, index, ...got }).toEqual({ level, index, ...wanted });
          }
          expect(nodeOrError(recentStore, level, n)).toBe('RangeError');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the in-memory roots for every size up to its window behind, at every step, and says which further back it can', () => {
    fc.assert(
      fc.property(windows, runs, (window, lengths) => {
        const { recentStore, recent } = grow(window, lengths, ({ recentStore, recent, full }) => {
          const size = recent.size;
          // Every size of the window and 40 before it; plain comparisons, an expect only for a difference (speed).
          for (let s = Math.max(0, size - window - 40); s <= size; s++) {
            const held = recentStore.holdsRootOf(s);
            const got = { held, root: rootOrError(recent, s) };
            // Held within the window; beyond it, holdsRootOf must say whether root() can answer.
            const wanted = { held: held || size - s <= window, root: held ? rootOrError(full, s) : 'RangeError' };
            if (got.held !== wanted.held || got.root !== wanted.root) expect({ size, s, ...got }).toEqual({ size, s, ...wanted });
          }
        });
        expect(recentStore.holdsRootOf(recent.size + 1)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('holds a fixed number of bytes per level, whatever the number of leaves', () => {
    const window = 64;
    const bound = (levels: number) => Array.from({ length: levels }, (_, level) => (Math.floor(window / 2 ** level) + 2) * 32).reduce((x, y) => x + y, 0);
    const { recentStore } = grow(window, [1200]);
    expect(recentStore.bytes).toBe(bound(11)); // 1200 leaves: levels 0 to 10
    const many = new MerkleTree(new RecentMerkleNodeStore(window));
    for (let i = 0; i < 200; i++) many.appendMany(entries, 0, 1200);
    // 240,000 leaves: 18 levels, the 7 above 2^10 holding 2 nodes each.
    expect((many as unknown as { store: RecentMerkleNodeStore }).store.bytes).toBe(bound(18));
  });

  it('refuses a window it cannot keep', () => {
    expect(() => new RecentMerkleNodeStore(0)).toThrow(RangeError);
    expect(() => new RecentMerkleNodeStore(2 ** 25)).toThrow(RangeError);
  });
});
