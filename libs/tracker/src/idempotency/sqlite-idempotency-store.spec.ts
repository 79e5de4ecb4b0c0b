// Specifies the SQLite idempotency store: claim, replay, reuse with another request, in-flight, release, staleness.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, SqliteEventStore } from '@ogp/event-store';
import { FixedClock } from '../clock/fixed-clock';
import { answerBackedBy } from './recorded-events';
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

  describe('with a retention', () => {
    const hour = 3_600_000;
    let kept: SqliteIdempotencyStore;
    beforeEach(() => {
      kept = new SqliteIdempotencyStore({ file: ':memory:', clock, retentionMs: 24 * hour });
    });
    afterEach(() => kept.close());
    const rows = (s: SqliteIdempotencyStore): number =>
      (s as unknown as { db: { prepare(sql: string): { pluck(): { get(): number } } } }).db.prepare('SELECT count(*) FROM idempotency_records').pluck().get();

    it('replays an answer within it, and frees the key after it (a retry then runs, another body is no reuse)', async () => {
      await kept.begin(scope, 'h1');
      await kept.complete(scope, answer);
      clock.advance(24 * hour - 1);
      await expect(kept.begin(scope, 'h1')).resolves.toEqual({ type: 'replay', response: answer });
      clock.advance(1);
      await expect(kept.begin(scope, 'h2')).resolves.toEqual({ type: 'proceed' });
    });

    it('deletes the records past it, every key alike, so that the file does not grow for ever', async () => {
      for (let i = 0; i < 5; i++) {
        await kept.begin({ apiKeyId: 'k1', idempotencyKey: `old-${i}` }, 'h');
        await kept.complete({ apiKeyId: 'k1', idempotencyKey: `old-${i}` }, answer);
      }
      clock.advance(24 * hour);
      await kept.begin({ apiKeyId: 'k2', idempotencyKey: 'new' }, 'h');
      expect(rows(kept)).toBe(1);
    });

    it('keeps every record when it is 0', async () => {
      await store.begin(scope, 'h1');
      await store.complete(scope, answer);
      clock.advance(1000 * 24 * hour);
      await expect(store.begin(scope, 'h1')).resolves.toEqual({ type: 'replay', response: answer });
    });
  });

  describe('over an event store restored from an older backup', () => {
    const event = (id: string): NewEvent => ({
      id,
      type: 'MemberRegistered',
      schemaVersion: 1,
      data: {},
      metadata: { actorId: 'k1', actorRole: 'admin', commandId: id, correlationId: id, causationId: null, reason: null, recordedAt: '2024-01-01T00:00:00.000Z' },
    });
    const claimed = (position: string, eventId: string) => ({ ...answer, body: JSON.stringify({ revision: '0', position, eventIds: [eventId] }) });
    const held = '11111111-1111-4111-8111-111111111111';
    const gone = '22222222-2222-4222-8222-222222222222';
    let events: SqliteEventStore;
    let backed: SqliteIdempotencyStore;
    beforeEach(async () => {
      events = new SqliteEventStore({ file: ':memory:' });
      await events.append('member-a', [event(held)], { expectedRevision: 'no_stream' });
      backed = new SqliteIdempotencyStore({ file: ':memory:', clock, answerHolds: answerBackedBy(events) });
    });
    afterEach(async () => {
      await backed.close();
      await events.close();
    });
    const record = async (key: string, response: typeof answer) => {
      await backed.begin({ ...scope, idempotencyKey: key }, 'h1');
      await backed.complete({ ...scope, idempotencyKey: key }, response);
    };

    it('replays an answer whose event the store holds at its position, and answers without events', async () => {
      await record('held', claimed('1/1', held));
      await record('refused', { ...answer, status: 409, body: '{"type":"urn:ogp-ledger:problem:x"}' });
      await expect(backed.begin({ ...scope, idempotencyKey: 'held' }, 'h1')).resolves.toEqual({ type: 'replay', response: claimed('1/1', held) });
      await expect(backed.begin({ ...scope, idempotencyKey: 'refused' }, 'h1')).resolves.toMatchObject({ type: 'replay' });
    });

    it('runs again a request whose answer names an event the store does not hold (beyond its head, or another there)', async () => {
      await record('beyond', claimed('2/2', gone));
      await record('other', claimed('1/1', gone));
      await expect(backed.begin({ ...scope, idempotencyKey: 'beyond' }, 'h1')).resolves.toEqual({ type: 'proceed' });
      await expect(backed.begin({ ...scope, idempotencyKey: 'other' }, 'h1')).resolves.toEqual({ type: 'proceed' });
      // and the new claim is the first attempt's: a concurrent retry waits for it
      await expect(backed.begin({ ...scope, idempotencyKey: 'other' }, 'h1')).resolves.toEqual({ type: 'in-flight' });
    });

    it('drops at start the answers naming a position beyond the head, and only those', async () => {
      await record('held', claimed('1/1', held));
      await record('beyond', claimed('2/2', gone));
      await record('far', claimed('7/7', gone));
      expect(backed.dropAnswersBeyond(await events.headPosition())).toBe(2);
      expect(backed.dropAnswersBeyond(null)).toBe(1);
    });
  });
});
