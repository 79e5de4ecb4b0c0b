// Position helpers: ordering by commit then prepare, and a lossless text form for bigint halves.
import { START, comparePositions, parsePosition, positionToString } from './position';

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
});
