import { retryWait } from './retry-wait';

describe('retryWait', () => {
  it('settles after its delay', async () => {
    const started = performance.now();
    await retryWait(30).done;
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('settles at once when stopped, so that its owner can close without waiting it out', async () => {
    const wait = retryWait(60_000);
    const settled = jest.fn();
    void wait.done.then(settled);
    wait.stop();
    await wait.done;
    expect(settled).toHaveBeenCalled();
  });
});
