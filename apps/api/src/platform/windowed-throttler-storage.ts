// Write-rate counters for @nestjs/throttler with O(1) work per request.
// Why: the library's in-memory storage keeps one timestamp per hit and filters them all on every request, so at a
// few thousand writes a second each write scanned the last minute's hits (measured: the API's hottest function).
import type { ThrottlerStorage } from '@nestjs/throttler';

/** The window is counted in this many slices; a hit leaves the count when its slice leaves the window. */
const SLICES = 60;

interface Counter {
  /** Hits per slice, indexed by slice number modulo SLICES. */
  readonly hits: Uint32Array;
  /** The slice number each entry of `hits` belongs to. */
  readonly sliceOf: Float64Array;
  total: number;
  blockedUntil: number;
}

/** What ThrottlerStorage.increment answers (the library's ThrottlerStorageRecord). */
export interface ThrottleRecord {
  totalHits: number;
  /** Seconds until the oldest counted hit leaves the window. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until a block ends (0 when not blocked). */
  timeToBlockExpire: number;
}

/**
 * A sliding window of `ttl` ms kept as SLICES counters per key and throttler: a hit counts until its slice
 * (ttl / SLICES ms wide) is older than the window, so a key may see up to one slice's worth of hits forgotten early.
 * Past the limit the key is blocked for blockDuration ms; hits while blocked are refused and not counted.
 */
export class WindowedThrottlerStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottleRecord> {
    return this.hit(`${throttlerName}\n${key}`, ttl, limit, blockDuration);
  }

  /** The synchronous core of increment. */
  hit(id: string, ttl: number, limit: number, blockDuration: number): ThrottleRecord {
    const now = this.now();
    const width = Math.max(1, ttl / SLICES);
    const slice = Math.floor(now / width);
    this.sweep(now, ttl);
    let counter = this.counters.get(id);
    if (counter === undefined) {
      counter = { hits: new Uint32Array(SLICES), sliceOf: new Float64Array(SLICES).fill(-Infinity), total: 0, blockedUntil: 0 };
      this.counters.set(id, counter);
    }
    expire(counter, slice);
    if (counter.blockedUntil > now) {
      return { totalHits: counter.total + 1, timeToExpire: this.secondsLeft(counter, slice, width, now), isBlocked: true, timeToBlockExpire: seconds(counter.blockedUntil - now) };
    }
    const at = slice % SLICES;
    counter.hits[at] = counter.hits[at]! + 1;
    counter.sliceOf[at] = slice;
    counter.total++;
    const blocked = counter.total > limit;
    if (blocked) counter.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
    return {
      totalHits: counter.total,
      timeToExpire: this.secondsLeft(counter, slice, width, now),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? seconds(counter.blockedUntil - now) : 0,
    };
  }

  /** Keys with nothing in the window and no block are dropped, at most once a window (bounded memory). */
  private sweep(now: number, ttl: number): void {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    for (const [id, counter] of this.counters) {
      const newest = Math.max(...counter.sliceOf);
      if (counter.blockedUntil <= now && (newest + 1) * Math.max(1, ttl / SLICES) + ttl <= now) this.counters.delete(id);
    }
  }

  private secondsLeft(counter: Counter, slice: number, width: number, now: number): number {
    let oldest = slice;
    for (let i = 0; i < SLICES; i++) if (counter.hits[i]! > 0 && counter.sliceOf[i]! < oldest) oldest = counter.sliceOf[i]!;
    return seconds((oldest + SLICES) * width - now);
  }
}

/** Forgets the hits of slices that have left the window ending at `slice`. */
function expire(counter: Counter, slice: number): void {
  for (let i = 0; i < SLICES; i++) {
    if (counter.hits[i]! > 0 && counter.sliceOf[i]! <= slice - SLICES) {
      counter.total -= counter.hits[i]!;
      counter.hits[i] = 0;
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
