// A clock for tests and demos: stands still at a set instant until told to move.
import type { Clock } from './clock';

export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2021-07-30T00:00:00.000Z') {
    this.current = FixedClock.toMillis(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = FixedClock.toMillis(instant);
  }

  advance(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new RangeError('A fixed clock only moves forwards');
    this.current += milliseconds;
  }

  private static toMillis(instant: Date | string): number {
    const millis = new Date(instant).getTime();
    if (Number.isNaN(millis)) throw new RangeError(`Not an instant: ${String(instant)}`);
    return millis;
  }
}
