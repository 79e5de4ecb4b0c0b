// The one contract suite every EventStore adapter runs: concurrency, idempotency, order, subscriptions, hash chain.
import { canonicalize, eventHash } from '@ogp/ledger';
import { DuplicateEventIdError, InvalidEventError, WrongExpectedVersionError } from '../errors';
import { comparePositions } from '../position';
import type { EventStore, JsonObject, NewEvent, StoredEvent, Upcaster } from '../port';
import { collect, manyEvents, newEvent, take, uniquePrefix } from './contract-events';

export interface EventStoreFixture {
  readonly store: EventStore;
  /** Closes the store and opens the same storage again (durable adapters only). */
  reopen?(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** Size of the big stream read in pages (default 100,000). */
  readonly bigStreamEvents?: number;
}

export type EventStoreFactory = (options: { readonly upcasters: readonly Upcaster[] }) => Promise<EventStoreFixture>;

/** v1 -> v2 renames `name` to `title`; v2 -> v3 adds `tags`. */
export const CONTRACT_UPCASTERS: readonly Upcaster[] = [
  { type: 'contract.Renamed', fromVersion: 1, upcast: ({ name, ...rest }) => ({ ...rest, title: name ?? null }) },
  { type: 'contract.Renamed', fromVersion: 2, upcast: (data) => ({ ...data, tags: [] }) },
];

function verifyChain(events: readonly StoredEvent[]): void {
  let prev: string | null = null;
  for (const e of events) {
    const raw = e.raw!;
    expect(e.prevHash).toBe(prev);
    expect(eventHash({ stream: e.stream, revision: e.revision, type: e.type, schemaVersion: raw.schemaVersion, data: raw.data, metadata: raw.metadata, prevHash: e.prevHash })).toBe(e.hash);
    prev = e.hash;
  }
}

export function eventStoreContract(name: string, factory: EventStoreFactory, options: EventStoreContractOptions = {}): void {
  const bigStream = options.bigStreamEvents ?? 100_000;

  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    let p: string;

    beforeEach(async () => {
      fixture = await factory({ upcasters: CONTRACT_UPCASTERS });
      store = fixture.store;
      p = uniquePrefix();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('append', () => {
      it('stores every field and returns the revision and position written', async () => {
        const e = newEvent('contract.Created', { title: 'Open data portal' }, 1, { reason: 'initial' });
        const result = await store.append(`${p}a`, [e], { expectedRevision: 'no_stream' });
        expect(result.nextRevision).toBe(0n);
        const [stored] = await collect(store.readStream(`${p}a`));
        expect(stored).toMatchObject({ id: e.id, stream: `${p}a`, revision: 0n, type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata, prevHash: null });
        expect(stored!.position).toEqual(result.position);
        expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(await store.headPosition()).toEqual(result.position);
      });

      it('rejects a wrong expectation naming the stream, the expected and the actual revision', async () => {
        await store.append(`${p}a`, manyEvents(2), { expectedRevision: 'no_stream' });
        const wrong = await store.append(`${p}a`, manyEvents(1), { expectedRevision: 0n }).catch((e: unknown) => e);
        expect(wrong).toBeInstanceOf(WrongExpectedVersionError);
        expect(wrong).toMatchObject({ stream: `${p}a`, expected: 0n, actual: 1n });
        await expect(store.append(`${p}a`, manyEvents(1), { expectedRevision: 'no_stream' })).rejects.toMatchObject({ actual: 1n });
        await expect(store.append(`${p}b`, manyEvents(1), { expectedRevision: 'exists' })).rejects.toMatchObject({ stream: `${p}b`, expected: 'exists', actual: 'no_stream' });
        await expect(store.append(`${p}a`, manyEvents(1), { expectedRevision: 1n })).resolves.toMatchObject({ nextRevision: 2n });
        await expect(store.append(`${p}a`, manyEvents(1), { expectedRevision: 'exists' })).resolves.toMatchObject({ nextRevision: 3n });
      });

      it('lets exactly one of many concurrent appends with the same expected revision win', async () => {
        await store.append(`${p}a`, manyEvents(1), { expectedRevision: 'no_stream' });
        const attempts = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(`${p}a`, manyEvents(1), { expectedRevision: 0n })));
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await collect(store.readStream(`${p}a`))).toHaveLength(2);
      });

      it('loses no update when concurrent appends expect any revision', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`${p}a`, manyEvents(1, 'contract.Counted', i), { expectedRevision: 'any' })));
        const events = await collect(store.readStream(`${p}a`, { raw: true }));
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
        expect(new Set(results.map((r) => r.nextRevision)).size).toBe(20);
        verifyChain(events);
      });

      it('treats re-appending stored ids with the same content as a retry and returns the original result', async () => {
        const batch = manyEvents(3);
        const first = await store.append(`${p}a`, batch, { expectedRevision: 'no_stream' });
        await store.append(`${p}a`, manyEvents(1), { expectedRevision: 2n });
        const again = await store.append(`${p}a`, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect(await collect(store.readStream(`${p}a`))).toHaveLength(4);
        const concurrent = manyEvents(1);
        const [x, y] = await Promise.all([
          store.append(`${p}b`, concurrent, { expectedRevision: 'no_stream' }),
          store.append(`${p}b`, concurrent, { expectedRevision: 'no_stream' }),
        ]);
        expect(y).toEqual(x);
        expect(await collect(store.readStream(`${p}b`))).toHaveLength(1);
      });

      it('takes an id in other letter case for the same id (UUIDs are case-insensitive)', async () => {
        const [e] = manyEvents(1);
        const first = await store.append(`${p}a`, [e!], { expectedRevision: 'no_stream' });
        const again = await store.append(`${p}a`, [{ ...e!, id: e!.id.toUpperCase() }], { expectedRevision: 'any' });
        expect(again).toEqual(first);
        await expect(store.append(`${p}a`, [{ ...e!, id: e!.id.toUpperCase(), data: { n: 99 } }], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        const stored = await collect(store.readStream(`${p}a`));
        expect(stored.map((x) => x.id)).toEqual([e!.id.toLowerCase()]);
      });

      it('rejects a stored id with different content', async () => {
        const [e] = manyEvents(1);
        await store.append(`${p}a`, [e!], { expectedRevision: 'no_stream' });
        await expect(store.append(`${p}a`, [{ ...e!, data: { n: 99 } }], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(store.append(`${p}a`, [e!, ...manyEvents(1)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await collect(store.readStream(`${p}a`))).toHaveLength(1);
      });

      it('validates events at the edge', async () => {
        const good = newEvent('contract.Created');
        const bad: unknown[] = [
          { ...good, id: 'not-a-uuid' },
          { ...good, type: '' },
          { ...good, schemaVersion: 0 },
          { ...good, schemaVersion: 1.5 },
          { ...good, data: [] },
          { ...good, metadata: { ...good.metadata, actorId: undefined } },
          { ...good, metadata: { ...good.metadata, actorRole: 'hacker' } },
          { ...good, metadata: { ...good.metadata, recordedAt: 'yesterday' } },
          { ...good, metadata: { ...good.metadata, recordedAt: '2026-01-02T03:04:05Z' } },
          { ...good, metadata: { ...good.metadata, recordedAt: '2026-01-02T10:04:05.000+07:00' } },
        ];
        for (const e of bad) {
          await expect(store.append(`${p}a`, [e as NewEvent], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidEventError);
        }
        await expect(store.append(`${p}a`, [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.append(`${p}a`, [good, good], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidEventError);
        expect(await collect(store.readStream(`${p}a`))).toHaveLength(0);
      });
    });

    describe('reads', () => {
      it('reads $all in commit order, forwards and backwards, from an inclusive position', async () => {
        const written: { id: string; position: StoredEvent['position'] }[] = [];
        for (let i = 0; i < 12; i++) {
          const events = manyEvents(1 + (i % 3));
          const r = await store.append(`${p}s${i % 4}`, events, { expectedRevision: 'any' });
          events.forEach((e) => written.push({ id: e.id, position: r.position }));
        }
        const all = await collect(store.readAll({ filter: { streamPrefixes: [p] } }));
        expect(all.map((e) => e.id)).toEqual(written.map((w) => w.id));
        for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBeLessThan(0);
        const back = await collect(store.readAll({ direction: 'backwards', filter: { streamPrefixes: [p] }, maxCount: 5 }));
        expect(back.map((e) => e.id)).toEqual(all.slice(-5).reverse().map((e) => e.id));
        const fromMiddle = await collect(store.readAll({ fromPosition: all[7]!.position, filter: { streamPrefixes: [p] } }));
        expect(fromMiddle.map((e) => e.id)).toEqual(all.slice(7).map((e) => e.id));
        const backFromMiddle = await collect(store.readAll({ fromPosition: all[7]!.position, direction: 'backwards', filter: { streamPrefixes: [p] } }));
        expect(backFromMiddle.map((e) => e.id)).toEqual(all.slice(0, 8).reverse().map((e) => e.id));
      });

      it('reads a stream backwards, from a revision, with maxCount', async () => {
        await store.append(`${p}a`, manyEvents(10), { expectedRevision: 'no_stream' });
        const back = await collect(store.readStream(`${p}a`, { direction: 'backwards', maxCount: 3 }));
        expect(back.map((e) => e.revision)).toEqual([9n, 8n, 7n]);
        const from = await collect(store.readStream(`${p}a`, { fromRevision: 4n, maxCount: 2 }));
        expect(from.map((e) => e.revision)).toEqual([4n, 5n]);
        const backFrom = await collect(store.readStream(`${p}a`, { fromRevision: 2n, direction: 'backwards' }));
        expect(backFrom.map((e) => e.revision)).toEqual([2n, 1n, 0n]);
        expect(await collect(store.readStream(`${p}missing`))).toEqual([]);
      });

      it('filters $all by stream prefix and event type', async () => {
        await store.append(`${p}plan-1`, [newEvent('contract.A'), newEvent('contract.B')], { expectedRevision: 'any' });
        await store.append(`${p}member-1`, [newEvent('contract.A'), newEvent('contract.C')], { expectedRevision: 'any' });
        await store.append(`${p}plan-2`, [newEvent('contract.C')], { expectedRevision: 'any' });
        const plans = await collect(store.readAll({ filter: { streamPrefixes: [`${p}plan-`] } }));
        expect(plans.map((e) => `${e.stream}:${e.type}`)).toEqual([`${p}plan-1:contract.A`, `${p}plan-1:contract.B`, `${p}plan-2:contract.C`]);
        const cs = await collect(store.readAll({ filter: { streamPrefixes: [`${p}plan-`, `${p}member-`], eventTypes: ['contract.C'] } }));
        expect(cs.map((e) => e.stream)).toEqual([`${p}member-1`, `${p}plan-2`]);
        const limited = await collect(store.readAll({ filter: { streamPrefixes: [p], eventTypes: ['contract.A', 'contract.B'] }, maxCount: 2 }));
        expect(limited.map((e) => e.type)).toEqual(['contract.A', 'contract.B']);
      });

      it(`pages through a stream of ${bigStream} events`, async () => {
        const batch = 5000;
        for (let i = 0; i < bigStream; i += batch) {
          await store.append(`${p}big`, manyEvents(Math.min(batch, bigStream - i), 'contract.Counted', i), { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
        }
        let expected = 0;
        for await (const e of store.readStream(`${p}big`)) {
          if (e.revision !== BigInt(expected) || e.data.n !== expected) throw new Error(`Out of order at ${expected}: ${e.revision}`);
          expected++;
        }
        expect(expected).toBe(bigStream);
        let count = 0;
        for await (const e of store.readAll({ filter: { streamPrefixes: [p] } })) if (e.stream === `${p}big`) count++;
        expect(count).toBe(bigStream);
        const tail = await collect(store.readStream(`${p}big`, { direction: 'backwards', maxCount: 2 }));
        expect(tail.map((e) => e.revision)).toEqual([BigInt(bigStream - 1), BigInt(bigStream - 2)]);
      }, 120_000);

      it('round-trips unicode and a 1 MB payload with a valid hash', async () => {
        const text = 'Kota Semarang — keterbukaan 🇮🇩 数据 e\u0301 \u2028 "quotes" \\ \u0000';
        const big = 'x'.repeat(1024 * 1024);
        const data: JsonObject = { text, big, nested: { 'ключ': [1.5, -0, 1e21, true, null] } };
        await store.append(`${p}u`, [newEvent('contract.Unicode', data, 1, { reason: text })], { expectedRevision: 'no_stream' });
        const [e] = await collect(store.readStream(`${p}u`, { raw: true }));
        expect(e!.data).toEqual(JSON.parse(JSON.stringify(data)));
        expect(e!.metadata.reason).toBe(text);
        expect(e!.raw!.data).toBe(canonicalize(data));
        verifyChain([e!]);
      });

      it('upcasts on read, and returns the stored version and texts with raw: true', async () => {
        await store.append(`${p}up`, [newEvent('contract.Renamed', { name: 'Old' }, 1), newEvent('contract.Renamed', { title: 'New' }, 2), newEvent('contract.Renamed', { title: 'Now', tags: ['a'] }, 3)], {
          expectedRevision: 'no_stream',
        });
        const read = await collect(store.readStream(`${p}up`));
        expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
          [3, { title: 'Old', tags: [] }],
          [3, { title: 'New', tags: [] }],
          [3, { title: 'Now', tags: ['a'] }],
        ]);
        const [all] = await collect(store.readAll({ filter: { streamPrefixes: [`${p}up`] }, maxCount: 1 }));
        expect(all!.data).toEqual({ title: 'Old', tags: [] });
        const raw = await collect(store.readStream(`${p}up`, { raw: true }));
        expect(raw[0]).toMatchObject({ schemaVersion: 1, data: { name: 'Old' }, raw: { schemaVersion: 1, data: '{"name":"Old"}' } });
        verifyChain(raw);
      });
    });

    describe('hash chain', () => {
      it('links each event to the previous one of its stream, across appends and interleaved streams', async () => {
        await store.append(`${p}a`, manyEvents(3), { expectedRevision: 'no_stream' });
        await store.append(`${p}b`, manyEvents(2), { expectedRevision: 'no_stream' });
        await store.append(`${p}a`, manyEvents(2), { expectedRevision: 2n });
        const a = await collect(store.readStream(`${p}a`, { raw: true }));
        expect(a).toHaveLength(5);
        verifyChain(a);
        verifyChain(await collect(store.readStream(`${p}b`, { raw: true })));
        for (const e of a) expect(e.raw!.metadata).toBe(canonicalize(e.metadata));
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, goes live, and resumes from a checkpoint with no gap and no duplicate', async () => {
        const filter = { streamPrefixes: [p] };
        await store.append(`${p}a`, manyEvents(10), { expectedRevision: 'any' });
        const first = store.subscribeToAll({ filter });
        const head = await take(first, 6);
        await first.close();
        const checkpoint = head[head.length - 1]!.position;
        await store.append(`${p}b`, manyEvents(5), { expectedRevision: 'any' });
        const resumed = store.subscribeToAll({ fromPosition: checkpoint, filter });
        const caughtUp = await take(resumed, 9);
        const live = take(resumed, 3);
        await store.append(`${p}c`, manyEvents(3), { expectedRevision: 'any' });
        const tail = await live;
        await resumed.close();
        const all = await collect(store.readAll({ filter }));
        expect([...head, ...caughtUp, ...tail].map((e) => e.id)).toEqual(all.map((e) => e.id));
        expect(all).toHaveLength(18);
      });

      it('ends iteration when closed', async () => {
        const sub = store.subscribeToAll({ filter: { streamPrefixes: [p] } });
        await store.append(`${p}a`, manyEvents(2), { expectedRevision: 'any' });
        expect(await take(sub, 2)).toHaveLength(2);
        await sub.close();
        await store.append(`${p}a`, manyEvents(2), { expectedRevision: 'any' });
        await expect(sub[Symbol.asyncIterator]().next()).resolves.toMatchObject({ done: true });
      });
    });

    describe('durability', () => {
      it('keeps every acknowledged event across a reopen', async () => {
        if (!fixture.reopen) return;
        const results = await Promise.all(Array.from({ length: 20 }, () => store.append(`${p}d`, manyEvents(1), { expectedRevision: 'any' })));
        store = await fixture.reopen();
        const events = await collect(store.readStream(`${p}d`, { raw: true }));
        expect(events).toHaveLength(20);
        expect(results.map((r) => r.nextRevision).sort((x, y) => (x < y ? -1 : 1))).toEqual(events.map((e) => e.revision));
        verifyChain(events);
      });
    });
  });
}
