// Specifies readiness: all registered checks must pass; a failing or hanging check makes the instance not ready.
import { ReadinessService } from './readiness.service';

describe('ReadinessService', () => {
  it('is ready when every check is', async () => {
    const readiness = new ReadinessService();
    readiness.register('store', async () => ({ ready: true }));
    readiness.register('projections', async () => ({ ready: true, detail: 'lag 0 events' }));
    await expect(readiness.report()).resolves.toEqual({
      ready: true,
      checks: { store: { ready: true }, projections: { ready: true, detail: 'lag 0 events' } },
    });
  });

  it('is not ready when a check throws, without leaking its message', async () => {
    const readiness = new ReadinessService();
    readiness.register('store', async () => {
      throw new Error('/secret/path unreachable');
    });
    const report = await readiness.report();
    expect(report.ready).toBe(false);
    expect(JSON.stringify(report)).not.toContain('secret');
  });

  it('is not ready when a check hangs past the timeout', async () => {
    const readiness = new ReadinessService(20);
    readiness.register('store', () => new Promise(() => undefined));
    await expect(readiness.report()).resolves.toMatchObject({ ready: false });
  });
});
