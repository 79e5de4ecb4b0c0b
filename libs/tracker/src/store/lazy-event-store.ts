// An EventStore opened at its first use, so that a CLI command that needs no store (verify --export, demo, help)
// opens none, and one that does reports a bad store when it reads it.
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

export class LazyEventStore implements EventStore {
  private store: EventStore | null = null;

  constructor(private readonly open: () => EventStore) {}

  private opened(): EventStore {
    this.store ??= this.open();
    return this.store;
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.opened().append(stream, events, options);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    return this.opened().readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    return this.opened().readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return this.opened().subscribeToAll(options);
  }

  async headPosition(): Promise<Position | null> {
    return this.opened().headPosition();
  }

  /** A store never opened is not opened to be closed. */
  async close(): Promise<void> {
    await this.store?.close();
  }
}
