// StreamSlots against a Map, with colliding keys and past several resizes.
import fc from 'fast-check';
import { streamHash, StreamSlots } from './stream-slots';

describe('StreamSlots', () => {
  it('finds each name\'s slot, numbered in order of first appearance, and -1 for a name not added', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3000 }), fc.integer({ min: 1, max: 1 << 30 }), (names, buckets) => {
        // Keys squeezed into few values: collisions must be told apart by the names.
        const key = (name: string) => streamHash(name) % buckets;
        const slots = new StreamSlots();
        const reference = new Map<string, number>();
        for (const name of names) {
          const found = slots.get(name, key(name));
          expect(found).toBe(reference.get(name) ?? -1);
          if (found < 0) {
            reference.set(name, reference.size);
            expect(slots.add(name, key(name))).toBe(reference.size - 1);
          }
        }
        expect(slots.size).toBe(reference.size);
        for (const [name, slot] of reference) expect(slots.get(name, key(name))).toBe(slot);
        expect(slots.get('\u0000never added', key('\u0000never added'))).toBe(-1);
      }),
      { numRuns: 60 },
    );
  });

  it('hashes UTF-16 code units with FNV-1a, keeping the top 30 bits', () => {
    expect(streamHash('')).toBe(0x811c9dc5 >>> 2);
    expect(streamHash('a')).toBe(0xe40c292c >>> 2);
    expect(streamHash('\ud800')).not.toBe(streamHash('\udc00'));
  });
});
