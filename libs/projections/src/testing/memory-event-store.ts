// A minimal in-memory EventStore for this library's specs (positions = global sequence, as the SQLite adapter).
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
} from '@ogp/event-store';
import { canonicalize, eventHash } from '@ogp/ledger';

export class MemoryEventStore implements EventStore {
  readonly events: StoredEvent[] = [];
  private readonly listeners = new Set<() => void>();

  async append(stream: string, events: readonly NewEvent[], _options: AppendOptions): Promise<AppendResult> {
    let last = this.events.filter((e) => e.stream === stream).at(-1);
    for (const e of events) {
      const revision = last ? last.revision + 1n : 0n;
      const seq = BigInt(this.events.length + 1);
      const data = canonicalize(e.data);
      const metadata = canonicalize(e.metadata);
      const prevHash = last?.hash ?? null;
      const hash = eventHash({ stream, revision, type: e.type, schemaVersion: e.schemaVersion, data, metadata, prevHash });
      const stored: StoredEvent = { ...e, stream, revision, position: { commit: seq, prepare: seq }, hash, prevHash };
      this.events.push(stored);
      last = stored;
    }
    for (const l of this.listeners) l();
    return { nextRevision: last!.revision, position: last!.position };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const from = options.fromRevision;
    const backwards = options.direction === 'backwards';
    const all = this.events.filter(
      (e) => e.stream === stream && (typeof from !== 'bigint' || (backwards ? e.revision <= from : e.revision >= from)),
    );
    const list = backwards ? all.reverse() : all;
    let n = 0;
    for (const e of list) {
      if (options.maxCount !== undefined && n >= options.maxCount) return;
      n++;
      yield e;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const list = backwards ? [...this.events].reverse() : this.events;
    let n = 0;
    for (const e of list) {
      if (from !== undefined && typeof from !== 'string') {
        if (!backwards && e.position.commit < from.commit) continue;
        if (backwards && e.position.commit > from.commit) continue;
      }
      if (options.maxCount !== undefined && n >= options.maxCount) return;
      n++;
      yield options.raw ? withRaw(e) : e;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const from = options.fromPosition;
    let next = from === undefined || from === 'start' ? 0 : Number(from.commit);
    let closed = false;
    let wake: (() => void) | null = null;
    const listener = (): void => {
      wake?.();
    };
    this.listeners.add(listener);
    const events = this.events;
    const listeners = this.listeners;
    async function* iterate(): AsyncGenerator<StoredEvent> {
      try {
        while (!closed) {
          if (next < events.length) {
            yield events[next++]!;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        listeners.delete(listener);
      }
    }
    const it = iterate();
    return {
      [Symbol.asyncIterator]: () => it,
      async close() {
        closed = true;
        wake?.();
      },
    };
  }

  async headPosition(): Promise<Position | null> {
    return this.events.at(-1)?.position ?? null;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

function withRaw(e: StoredEvent): StoredEvent {
  return { ...e, raw: { data: canonicalize(e.data), metadata: canonicalize(e.metadata), schemaVersion: e.schemaVersion } };
}
