// Every stored event of a store in global order: the reference the read-model specs fold by hand.
import type { EventStore, StoredEvent } from '@ogp/event-store';

export async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const event of store.readAll()) out.push(event);
  return out;
}
