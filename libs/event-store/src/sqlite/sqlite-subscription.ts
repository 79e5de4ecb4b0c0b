// Catch-up subscription over the SQLite store: pages through history, then waits for the in-process notifier or a poll.
import type { EventFilter, StoredEvent, Subscription } from '../port';

/** How often a live subscription looks for appends made by another process on the same file. */
export const POLL_INTERVAL_MS = 250;

export interface SubscriptionPage {
  readonly events: StoredEvent[];
  /**
   * The sequence number the page's scan covered: past its last event when the filter skipped the events after it,
   * so that the next page starts there instead of scanning them again.
   */
  readonly scannedTo: number;
}

export interface SubscriptionSource {
  /** Events strictly after `after` (a sequence number), at most one page, in order, filtered in SQL. */
  pageAfter(after: number, filter: EventFilter | undefined): SubscriptionPage;
  /** Registers a wake-up called after each local commit; returns the unregister function. */
  onCommit(listener: () => void): () => void;
}

export class SqliteSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly unregister: () => void;
  private readonly iterator: AsyncGenerator<StoredEvent>;

  constructor(
    private readonly source: SubscriptionSource,
    private after: number,
    private readonly filter: EventFilter | undefined,
    private readonly onClosed: (s: SqliteSubscription) => void,
  ) {
    this.unregister = source.onCommit(() => this.wake?.());
    this.iterator = this.iterate();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unregister();
    this.wake?.();
    this.onClosed(this);
  }

  private async *iterate(): AsyncGenerator<StoredEvent> {
    try {
      while (!this.closed) {
        const page = this.source.pageAfter(this.after, this.filter);
        for (const e of page.events) {
          if (this.closed) return;
          // The checkpoint moves before the yield: an event is never delivered twice, even if the consumer breaks.
          this.after = Number(e.position.commit);
          yield e;
        }
        if (page.scannedTo > this.after) this.after = page.scannedTo;
        if (page.events.length === 0) await this.idle();
      }
    } finally {
      if (!this.closed) await this.close();
    }
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, POLL_INTERVAL_MS);
      this.wake = done;
    });
  }
}
