// The production clock: wall-clock time, never running backwards within the process.
import type { Clock } from './clock';

export class SystemClock implements Clock {
  private last = 0;

  now(): Date {
    // Wall time can step back (NTP); recordedAt must not, so hold the last value instead.
    this.last = Math.max(this.last, Date.now());
    return new Date(this.last);
  }
}
