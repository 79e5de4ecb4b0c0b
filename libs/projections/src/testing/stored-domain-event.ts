// A domain event as the command handler stores it (its own id, the type's schema version, an admin's metadata), for
// read-model specs that build a store from chosen events and recording times.
import { EVENT_SCHEMA_VERSIONS, type DomainEvent } from '@ogp/domain';
import type { NewEvent } from '@ogp/event-store';

let stored = 0;

export function storedDomainEvent(event: DomainEvent, recordedAt: string): NewEvent {
  stored++;
  return {
    id: `5e3a0000-0000-4000-8000-${stored.toString(16).padStart(12, '0')}`,
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    data: event.data as unknown as NewEvent['data'],
    metadata: { actorId: 'admin-1', actorRole: 'admin', commandId: `cmd-${stored}`, correlationId: `corr-${stored}`, causationId: null, reason: null, recordedAt },
  };
}
