// Validation at the edge of the port: malformed events are rejected before any adapter sees them.
import { InvalidEventError } from './errors';
import type { NewEvent } from './port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES: ReadonlySet<string> = new Set(['admin', 'reviewer', 'auditor', 'system']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function requireString(meta: Record<string, unknown>, key: string, nullable: boolean, id: string): void {
  const value = meta[key];
  if (nullable && value === null) return;
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidEventError(`Event ${id}: metadata.${key} must be a non-empty string${nullable ? ' or null' : ''}`);
  }
}

/** Throws InvalidEventError on the first problem; also rejects the same id twice in one append. */
export function validateEvents(stream: string, events: readonly NewEvent[]): void {
  if (typeof stream !== 'string' || stream.length === 0) throw new InvalidEventError('Stream name must be a non-empty string');
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventError(`Append to ${stream}: no events`);
  const seen = new Set<string>();
  for (const e of events) validateEvent(e, seen);
}

function validateEvent(e: NewEvent, seen: Set<string>): void {
  if (!isPlainObject(e)) throw new InvalidEventError('An event must be an object');
  const id = e.id;
  if (typeof id !== 'string' || !UUID.test(id)) throw new InvalidEventError(`Event id ${String(id)} is not a UUID`);
  if (seen.has(id.toLowerCase())) throw new InvalidEventError(`Event id ${id} appears twice in one append`);
  seen.add(id.toLowerCase());
  if (typeof e.type !== 'string' || e.type.length === 0) throw new InvalidEventError(`Event ${id}: type must be a non-empty string`);
  if (!Number.isSafeInteger(e.schemaVersion) || e.schemaVersion < 1) {
    throw new InvalidEventError(`Event ${id}: schemaVersion must be a positive integer`);
  }
  if (!isPlainObject(e.data)) throw new InvalidEventError(`Event ${id}: data must be a JSON object`);
  const meta: unknown = e.metadata;
  if (!isPlainObject(meta)) throw new InvalidEventError(`Event ${id}: metadata must be a JSON object`);
  for (const key of ['actorId', 'commandId', 'correlationId', 'recordedAt']) requireString(meta, key, false, id);
  for (const key of ['causationId', 'reason']) requireString(meta, key, true, id);
  if (typeof meta.actorRole !== 'string' || !ROLES.has(meta.actorRole)) {
    throw new InvalidEventError(`Event ${id}: metadata.actorRole must be one of ${[...ROLES].join(', ')}`);
  }
  // One form only (UTC with milliseconds, as toISOString writes it): read models compare recordedAt as text, and
  // '…05Z' would sort after '…05.000Z'.
  const recordedAt = Date.parse(meta.recordedAt as string);
  if (Number.isNaN(recordedAt) || new Date(recordedAt).toISOString() !== meta.recordedAt) {
    throw new InvalidEventError(`Event ${id}: metadata.recordedAt must be a UTC instant as toISOString writes it (2021-07-30T09:00:00.000Z)`);
  }
}
