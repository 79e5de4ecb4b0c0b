import { WindowedThrottlerStorage } from './windowed-throttler-storage';

const MINUTE = 60_000;

function storageAt(start: number): { storage: WindowedThrottlerStorage; advance: (ms: number) => void } {
  let now = start;
  return { storage: new WindowedThrottlerStorage(() => now), advance: (ms) => (now += ms) };
}

describe('WindowedThrottlerStorage', () => {
  it('counts hits per key up to the limit, then blocks with the seconds left', () => {
    // given a limit of 3 writes a minute
    const { storage } = storageAt(1_000_000);
    // when a key writes four times at once
    const answers = [1, 2, 3, 4].map(() => storage.hit('key:a', MINUTE, 3, 0));
    // then the fourth is blocked for the rest of the window, and another key is not
    expect(answers.map((a) => a.isBlocked)).toEqual([false, false, false, true]);
    expect(answers[3]).toMatchObject({ totalHits: 4, timeToBlockExpire: 60 });
    expect(storage.hit('key:b', MINUTE, 3, 0)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('refuses without counting while blocked, and counts afresh once the block and window have passed', () => {
    // given a key blocked at its limit
    const { storage, advance } = storageAt(5_000_000);
    for (let i = 0; i < 3; i++) storage.hit('key:a', MINUTE, 2, 10_000);
    // when it keeps writing during the block
    advance(5_000);
    const during = storage.hit('key:a', MINUTE, 2, 10_000);
    // then it is refused with the block's seconds left
    expect(during).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    // and after the window it is counted from zero
    advance(MINUTE);
    expect(storage.hit('key:a', MINUTE, 2, 10_000)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('slides: hits leave the count a window after they were made', () => {
    // given 2 hits at t and 2 more half a minute later
    const { storage, advance } = storageAt(9_000_000);
    storage.hit('k', MINUTE, 100, 0);
    storage.hit('k', MINUTE, 100, 0);
    advance(30_000);
    storage.hit('k', MINUTE, 100, 0);
    expect(storage.hit('k', MINUTE, 100, 0).totalHits).toBe(4);
    // when a window has passed since the first two
    advance(31_000);
    // then only the later two (and this one) count
    expect(storage.hit('k', MINUTE, 100, 0).totalHits).toBe(3);
  });

  it('answers through the library interface with the throttler name as part of the key', async () => {
    const { storage } = storageAt(0);
    await storage.increment('k', MINUTE, 1, 0, 'default');
    expect((await storage.increment('k', MINUTE, 1, 0, 'default')).isBlocked).toBe(true);
    expect((await storage.increment('k', MINUTE, 1, 0, 'other')).isBlocked).toBe(false);
  });
});
