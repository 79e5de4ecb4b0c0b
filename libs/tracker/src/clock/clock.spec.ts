// Runs the Clock contract against both adapters, plus what only the fixed clock promises.
import { clockContract } from './clock.contract';
import { FixedClock } from './fixed-clock';
import { SystemClock } from './system-clock';

clockContract('SystemClock', () => new SystemClock());
clockContract('FixedClock', () => new FixedClock());

describe('SystemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('FixedClock', () => {
  it('returns what it was set to', () => {
    const clock = new FixedClock('2021-07-30T08:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2021-07-30T08:00:00.000Z');
    clock.set(new Date('2023-12-31T23:59:59.000Z'));
    expect(clock.now().toISOString()).toBe('2023-12-31T23:59:59.000Z');
  });

  it('advances by the given milliseconds and refuses to go back', () => {
    const clock = new FixedClock('2021-07-30T08:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2021-07-30T08:01:00.000Z');
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('rejects an invalid instant', () => {
    expect(() => new FixedClock('not a date')).toThrow(RangeError);
  });
});
