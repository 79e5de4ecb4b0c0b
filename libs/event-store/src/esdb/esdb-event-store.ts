// The EventStoreDB adapter (@eventstore/db-client 6): the same port, hash chain and idempotency rule as SQLite.
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { type CanonicalEvent, chainEvents, sameContent, toCanonical } from '../chain-entry';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../errors';
import { checkExpectation } from '../expectation';
import { matchesFilter } from '../filter';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  Upcaster,
} from '../port';
import { UpcasterChain } from '../upcasting';
import { validateEvents } from '../validate-event';
import { fromRecorded, toEventData } from './esdb-codec';
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  readonly connectionString: string;
  readonly upcasters?: readonly Upcaster[];
}

/**
 * How often an 'any'/'exists' append retries when another writer moved the stream between our read of its head
 * and our write: under N-way contention each round lets one writer through, so the bound must exceed N.
 */
const MAX_CONFLICT_RETRIES = 30;

export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly upcasters: UpcasterChain;
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.upcasters = new UpcasterChain(options.upcasters);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateEvents(stream, events);
    const canonical = events.map(toCanonical);
    const expected = options.expectedRevision;
    for (let attempt = 0; ; attempt++) {
      // EventStoreDB's own id dedupe is best effort: the stream itself is checked, so a retry holds after a restart.
      const retried = await this.retriedResult(stream, canonical);
      if (retried) return retried;
      const head = await this.lastEvent(stream);
      checkExpectation(stream, expected, head ? head.revision : null);
      const chained = chainEvents(stream, head, canonical);
      try {
        // The hash chain needs the head we read: append expecting exactly that revision.
        const result = await this.client.appendToStream(stream, chained.map(toEventData), {
          expectedRevision: head ? head.revision : NO_STREAM,
        });
        const position = result.position ?? (await this.positionOf(stream, result.nextExpectedRevision));
        return { nextRevision: result.nextExpectedRevision, position };
      } catch (error) {
        if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
        const retryable = (expected === 'any' || expected === 'exists') && attempt < MAX_CONFLICT_RETRIES;
        if (!retryable) {
          // The writer that won may have been this very append, retried concurrently: then its result is ours.
          const raced = await this.retriedResult(stream, canonical);
          if (raced) return raced;
          throw new WrongExpectedVersionError(stream, expected, error.actualVersion);
        }
        // Jitter spreads the contenders so that the next round is not the same stampede.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const read = this.client.readStream(stream, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: from === 'start' ? START : from === 'end' ? END : from,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    try {
      for await (const resolved of read) {
        const event = resolved.event ? fromRecorded(resolved.event, this.upcasters, options.raw === true) : null;
        if (event) yield event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    // No server-side maxCount: $all interleaves system events, which the port never shows but the server counts.
    const read = this.client.readAll({
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromPosition: from === 'start' ? START : from === 'end' ? END : from,
    });
    let remaining = options.maxCount ?? Infinity;
    if (remaining <= 0) return;
    for await (const resolved of read) {
      const event = resolved.event ? fromRecorded(resolved.event, this.upcasters, options.raw === true) : null;
      if (!event || !matchesFilter(options.filter, event.stream, event.type)) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const from = options.fromPosition ?? 'start';
    const subscription = new EsdbSubscription(this.client, from === 'start' ? null : from, options.filter, this.upcasters, (error) => {
      console.warn(`EventStoreDB subscription dropped, resubscribing: ${String(error)}`);
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | null> {
    for await (const e of this.readAll({ direction: 'backwards', maxCount: 1 })) return e.position;
    return null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private async lastEvent(stream: string): Promise<StoredEvent | null> {
    for await (const e of this.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1, raw: true })) return e;
    return null;
  }

  private async positionOf(stream: string, revision: bigint): Promise<Position> {
    for await (const e of this.readStream(stream, { direction: 'backwards', fromRevision: revision, maxCount: 1, raw: true })) return e.position;
    throw new Error(`Event ${stream}@${revision} not found after append`);
  }

  /** Ids already in the stream with the same content: the original result. Any other overlap is a clash. */
  private async retriedResult(stream: string, events: readonly CanonicalEvent[]): Promise<AppendResult | null> {
    // EventStoreDB hands ids back in its own UUID formatting: compare them case-insensitively.
    const wanted = new Map(events.map((e) => [e.id.toLowerCase(), e]));
    const found: StoredEvent[] = [];
    for await (const stored of this.readStream(stream, { direction: 'backwards', raw: true })) {
      const e = wanted.get(stored.id.toLowerCase());
      if (!e) continue;
      const raw = stored.raw!;
      const same = sameContent({ stream: stored.stream, type: stored.type, schemaVersion: raw.schemaVersion, dataText: raw.data, metadataText: raw.metadata }, stream, e);
      if (!same) throw new DuplicateEventIdError(e.id, stream);
      found.push(stored);
      if (found.length === wanted.size) break;
    }
    if (found.length === 0) return null;
    if (found.length !== wanted.size) throw new DuplicateEventIdError(found[0]!.id, stream);
    const last = found.reduce((a, b) => (a.revision > b.revision ? a : b));
    return { nextRevision: last.revision, position: last.position };
  }
}
