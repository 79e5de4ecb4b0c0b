// Event filters (stream prefixes, event types) evaluated in memory, for adapters that cannot push them down.
import type { EventFilter } from './port';

export function matchesFilter(filter: EventFilter | undefined, stream: string, type: string): boolean {
  if (!filter) return true;
  if (filter.eventTypes && filter.eventTypes.length > 0 && !filter.eventTypes.includes(type)) return false;
  if (filter.streamPrefixes && filter.streamPrefixes.length > 0 && !filter.streamPrefixes.some((p) => stream.startsWith(p))) return false;
  return true;
}
