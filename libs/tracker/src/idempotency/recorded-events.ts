// Whether the events a recorded answer names are in the event store: idempotency.sqlite newer than events.sqlite
// (the store restored from an older backup) holds answers for commands whose events are gone.
import { comparePositions, type EventStore, parsePosition, type Position } from '@ogp/event-store';
import type { RecordedResponse } from './idempotency-store';

/** What a command's answer says it wrote: the position of its last event and the ids of its events. */
export interface AnsweredEvents {
  readonly position: Position;
  readonly eventIds: readonly string[];
}

/** The events a recorded answer names, or null for an answer that names none (a refusal, a read-only answer). */
export function answeredEvents(body: string): AnsweredEvents | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { position, eventIds } = parsed as { position?: unknown; eventIds?: unknown };
  if (typeof position !== 'string' || !Array.isArray(eventIds) || eventIds.length === 0 || !eventIds.every((id) => typeof id === 'string')) return null;
  try {
    return { position: parsePosition(position), eventIds: eventIds as string[] };
  } catch {
    return null;
  }
}

/**
 * A check for SqliteIdempotencyStore's replay: the answer's last event must be the one the store holds at the
 * answer's position. The head and one read at a known position (the port has no read by id, and a position is what the answer
 * gives); a command's events are appended in one transaction, so its last being there means all of them are.
 * An answer that names no events has nothing to check and is replayed.
 */
export function answerBackedBy(store: EventStore): (response: RecordedResponse) => Promise<boolean> {
  return async (response) => {
    const answered = answeredEvents(response.body);
    if (answered === null) return true;
    // Beyond the head, no read: an EventStoreDB read from a position it never wrote may fail rather than be empty.
    const head = await store.headPosition();
    if (head === null || comparePositions(answered.position, head) > 0) return false;
    const lastId = answered.eventIds.at(-1)!.toLowerCase();
    for await (const event of store.readAll({ fromPosition: answered.position, maxCount: 1 })) {
      return comparePositions(event.position, answered.position) === 0 && event.id.toLowerCase() === lastId;
    }
    return false;
  };
}
