// The contract every Clock adapter passes; each adapter's spec calls it.
import type { Clock } from './clock';

export function clockContract(name: string, makeClock: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('returns valid Dates', () => {
      const now = makeClock().now();
      expect(now).toBeInstanceOf(Date);
      expect(Number.isNaN(now.getTime())).toBe(false);
    });

    it('never goes backwards across calls', () => {
      const clock = makeClock();
      let previous = clock.now().getTime();
      for (let i = 0; i < 1000; i++) {
        const next = clock.now().getTime();
        expect(next).toBeGreaterThanOrEqual(previous);
        previous = next;
      }
    });

    it('returns a fresh Date each time, so a caller mutating one cannot move the clock', () => {
      const clock = makeClock();
      const first = clock.now();
      first.setFullYear(1970);
      expect(clock.now().getFullYear()).toBeGreaterThan(1970);
    });
  });
}
