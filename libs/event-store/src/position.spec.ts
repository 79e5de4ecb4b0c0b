// Position helpers: ordering by commit then prepare, and a lossless text form for bigint halves.
import {
  PositionFormError,
  START,
  comparePositions,
  parsePosition,
  parsePositionFor,
  positionToString,
  sequenceOf,
} from './position';

describe('positions', () => {
  it('orders by commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 1n })).toBe(1);
    expect(comparePositions({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(0);
    expect(comparePositions(START, { commit: 1n, prepare: 1n })).toBe(-1);
  });

  it('round-trips through text beyond 2^53', () => {
    const p = { commit: 18446744073709551615n, prepare: 9007199254740993n };
    expect(positionToString(p)).toBe('18446744073709551615/9007199254740993');
    expect(parsePosition(positionToString(p))).toEqual(p);
  });

  it('reads a single decimal as both halves and rejects anything else', () => {
    expect(parsePosition('42')).toEqual({ commit: 42n, prepare: 42n });
    for (const bad of ['', '-1', '1/', 'a/b', '1.5']) expect(() => parsePosition(bad)).toThrow(RangeError);
  });

  describe('a position a client gave, for the store at hand', () => {
    it('is N/N or N for SQLite, which numbers its events with one sequence', () => {
      expect(parsePositionFor('5/5', 'sqlite')).toEqual({ commit: 5n, prepare: 5n });
      expect(parsePositionFor('5', 'sqlite')).toEqual({ commit: 5n, prepare: 5n });
      for (const unequal of ['5/6', '6/5', '0/1']) {
        expect(() => parsePositionFor(unequal, 'sqlite')).toThrow(PositionFormError);
        expect(() => parsePositionFor(unequal, 'sqlite')).toThrow(
          `${unequal} is not a position of this store: positions of this store are N/N`,
        );
      }
    });

    it('may have unequal halves for EventStoreDB, but never a prepare after the commit', () => {
      expect(parsePositionFor('1200/1100', 'esdb')).toEqual({ commit: 1200n, prepare: 1100n });
      expect(parsePositionFor('18446744073709551615/9007199254740993', 'esdb')).toEqual({
        commit: 18446744073709551615n,
        prepare: 9007199254740993n,
      });
      expect(() => parsePositionFor('5/6', 'esdb')).toThrow(PositionFormError);
      expect(() => parsePositionFor('5/6', 'esdb')).toThrow(
        '5/6 is not a position: its prepare half is after its commit half',
      );
    });

    it('is refused with a RangeError when it is no position at all, whatever the store', () => {
      for (const adapter of ['sqlite', 'esdb'] as const)
        expect(() => parsePositionFor('a/b', adapter)).toThrow(RangeError);
    });

    it('gives the sequence number of a SQLite position, and refuses one with unequal halves', () => {
      expect(sequenceOf({ commit: 42n, prepare: 42n })).toBe(42n);
      expect(() => sequenceOf({ commit: 5n, prepare: 6n })).toThrow(
        '5/6 is not a position of this store: positions of this store are N/N',
      );
    });
  });
});
