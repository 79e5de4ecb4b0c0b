// The position cache answers as the database read it stands in for, whatever the order of reads and writes.
import fc from 'fast-check';
import type { EntityState } from '@ogp/projections';
import { PositionCache } from './position-cache';

const STREAMS = ['member-semarang', 'plan-p1', 'commitment-c1', 'commitment-c2'];

function stateOf(stream: string, revision: number): EntityState {
  return {
    stream,
    kind: 'plan',
    entityId: stream,
    memberId: 'semarang',
    planId: null,
    status: 'Draft',
    title: null,
    revision,
    recordedAt: '2021-05-01T00:00:00.000Z',
    state: { revision, nested: { list: [revision] } },
  };
}

type Step = { op: 'write'; stream: string } | { op: 'read'; stream: string };

describe('PositionCache', () => {
  it('answers every read as the reference read does, the position moving with each write', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('write' as const), stream: fc.constantFrom(...STREAMS) }),
      fc.record({ op: fc.constant('read' as const), stream: fc.constantFrom(...STREAMS) }),
    );
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (steps: Step[], capacity) => {
          // given a database whose position counts its writes
          const revisions = new Map<string, number>();
          let position = 0;
          const reference = (stream: string): EntityState | null =>
            revisions.has(stream) ? stateOf(stream, revisions.get(stream)!) : null;
          const cache = new PositionCache<EntityState>(capacity);
          for (const s of steps) {
            if (s.op === 'write') {
              revisions.set(s.stream, (revisions.get(s.stream) ?? -1) + 1);
              position++;
            } else {
              // then each read equals a fresh read of the database at the same position
              const at = position === 0 ? null : `${position}/${position}`;
              const fresh = reference(s.stream);
              expect(cache.get(at, s.stream, () => reference(s.stream))).toEqual(fresh === null ? null : { position: at, data: fresh });
            }
          }
        },
      ),
    );
  });

  it('reads the database once per stream and position', () => {
    const read = jest.fn((stream: string) => stateOf(stream, 0));
    const cache = new PositionCache<EntityState>();
    const get = (position: string, stream: string) => cache.get(position, stream, () => read(stream));
    get('1/1', 'plan-p1');
    get('1/1', 'plan-p1');
    get('1/1', 'commitment-c1');
    expect(read).toHaveBeenCalledTimes(2);
    get('2/2', 'plan-p1');
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('hands out answers frozen all the way down, so that no reader can change what the next one gets', () => {
    const found = new PositionCache<EntityState>().get('1/1', 'plan-p1', () => stateOf('plan-p1', 0))!;
    expect(Object.isFrozen(found)).toBe(true);
    expect(Object.isFrozen(found.data)).toBe(true);
    expect(Object.isFrozen((found.data.state as { nested: { list: number[] } }).nested.list)).toBe(true);
  });
});
