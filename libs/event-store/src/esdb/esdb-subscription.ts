// Catch-up subscription over EventStoreDB's $all that resubscribes from its last seen position after an error.
import { type AllStreamSubscription, type EventStoreDBClient, type Filter, START, streamNameFilter } from '@eventstore/db-client';
import { matchesFilter } from '../filter';
import { comparePositions } from '../position';
import type { EventFilter, Position, StoredEvent, Subscription } from '../port';
import type { UpcasterChain } from '../upcasting';
import { fromRecorded } from './esdb-codec';

const MAX_BACKOFF_MS = 5000;

export class EsdbSubscription implements Subscription {
  private closed = false;
  private current: AllStreamSubscription | null = null;
  private wakeSleep: (() => void) | null = null;
  private readonly iterator: AsyncGenerator<StoredEvent>;

  constructor(
    private readonly client: EventStoreDBClient,
    private lastSeen: Position | null,
    private readonly filter: EventFilter | undefined,
    private readonly upcasters: UpcasterChain,
    private readonly onError: (error: unknown) => void,
  ) {
    this.iterator = this.iterate();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeSleep?.();
    await this.current?.unsubscribe().catch(() => undefined);
  }

  private async *iterate(): AsyncGenerator<StoredEvent> {
    let backoff = 100;
    try {
      while (!this.closed) {
        // subscribeToAll({fromPosition}) starts AFTER the position: exactly the resume point we need.
        const subscription = this.client.subscribeToAll({ fromPosition: this.lastSeen ?? START, ...serverFilter(this.filter) });
        this.current = subscription;
        try {
          for await (const resolved of subscription) {
            if (this.closed) return;
            const recorded = resolved.event;
            if (!recorded) continue;
            const position = recorded.position;
            // Guards against a resubscription replaying the boundary event: each event is delivered once.
            if (this.lastSeen && comparePositions(position, this.lastSeen) <= 0) continue;
            this.lastSeen = { commit: position.commit, prepare: position.prepare };
            backoff = 100;
            const event = fromRecorded(recorded, this.upcasters, false);
            if (event && matchesFilter(this.filter, event.stream, event.type)) yield event;
          }
        } catch (error) {
          if (this.closed) return;
          this.onError(error);
        } finally {
          await subscription.unsubscribe().catch(() => undefined);
          this.current = null;
        }
        // The client never resubscribes by itself: wait a little, then resume after the last seen position.
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    } finally {
      this.closed = true;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
    });
  }
}

/**
 * Stream prefixes are filtered by the server, so that only events that can match cross the network (a key store
 * following `apikey-` streams would otherwise receive all of $all); the client's own check stays, for event types.
 * No checkpointReached: a checkpoint can arrive before the events buffered ahead of it are read, and moving lastSeen
 * to it would drop them.
 */
function serverFilter(filter: EventFilter | undefined): { filter?: Filter } {
  const prefixes = filter?.streamPrefixes ?? [];
  return prefixes.length > 0 ? { filter: streamNameFilter({ prefixes: [...prefixes] }) } : {};
}
