// Specifies the SQLite idempotency store: claim, replay, reuse with another request, in-flight, release, staleness.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../clock/fixed-clock';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

describe('SqliteIdempotencyStore', () => {
  const scope = { apiKeyId: 'k1', idempotencyKey: 'create-plan-1' };
  const answer = { status: 201, contentType: 'application/json', body: '{"revision":"0"}', etag: '"0"' };
  let clock: FixedClock;
  let store: SqliteIdempotencyStore;
  beforeEach(() => {
    clock = new FixedClock();
    store = new SqliteIdempotencyStore({ file: ':memory:', clock, staleClaimMs: 1000 });
  });
  afterEach(() => store.close());

  it('lets the first request proceed and replays its answer to a retry', async () => {
    await expect(store.begin(scope, 'h1')).resolves.toEqual({ type: 'proceed' });
    await store.complete(scope, answer);
    await expect(store.begin(scope, 'h1')).resolves.toEqual({ type: 'replay', response: answer });
  });

  it('refuses the same key with a different request', async () => {
    await store.begin(scope, 'h1');
    await store.complete(scope, answer);
    await expect(store.begin(scope, 'h2')).resolves.toEqual({ type: 'key-reused' });
  });

  it('keeps keys of different API keys apart', async () => {
    await store.begin(scope, 'h1');
    await expect(store.begin({ ...scope, apiKeyId: 'k2' }, 'h2')).resolves.toEqual({ type: 'proceed' });
  });

  it('answers in-flight while the first attempt runs, and lets a stale claim be taken over', async () => {
    await store.begin(scope, 'h1');
    await expect(store.begin(scope, 'h1')).resolves.toEqual({ type: 'in-flight' });
    clock.advance(1000);
    await expect(store.begin(scope, 'h1')).resolves.toEqual({ type: 'proceed' });
  });

  it('forgets a released claim so that a retry runs again', async () => {
    await store.begin(scope, 'h1');
    await store.release(scope);
    await expect(store.begin(scope, 'h2')).resolves.toEqual({ type: 'proceed' });
  });

  it('keeps records across reopening the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogp-idem-'));
    try {
      const file = join(dir, 'idempotency.sqlite');
      const first = new SqliteIdempotencyStore({ file, clock });
      await first.begin(scope, 'h1');
      await first.complete(scope, answer);
      await first.close();
      const second = new SqliteIdempotencyStore({ file, clock });
      await expect(second.begin(scope, 'h1')).resolves.toEqual({ type: 'replay', response: answer });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
