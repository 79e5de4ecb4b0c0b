// Turning new events into hash-chained entries: canonical texts, hash and prevHash, identical for every adapter.
import { canonicalize, eventHash } from '@ogp/ledger';
import { InvalidEventError } from './errors';
import type { NewEvent } from './port';

/** A new event with the exact canonical texts that the hash covers. */
export interface CanonicalEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataText: string;
  readonly metadataText: string;
}

/** A canonical event placed in its stream: revision, prevHash and hash fixed. */
export interface ChainedEvent extends CanonicalEvent {
  readonly revision: bigint;
  readonly hash: string;
  readonly prevHash: string | null;
}

export function toCanonical(e: NewEvent): CanonicalEvent {
  try {
    // Ids are UUIDs, compared without regard to case (as validation and the EventStoreDB adapter do): stored lowercase.
    return { id: e.id.toLowerCase(), type: e.type, schemaVersion: e.schemaVersion, dataText: canonicalize(e.data), metadataText: canonicalize(e.metadata) };
  } catch (err) {
    throw new InvalidEventError(`Event ${e.id}: data or metadata is not JSON (${(err as Error).message})`);
  }
}

/** Chains events after the stream's head (null head = empty stream). */
export function chainEvents(
  stream: string,
  head: { readonly revision: bigint; readonly hash: string } | null,
  events: readonly CanonicalEvent[],
): ChainedEvent[] {
  let revision = head ? head.revision : -1n;
  let prevHash = head ? head.hash : null;
  const out: ChainedEvent[] = [];
  for (const e of events) {
    revision++;
    const hash = eventHash({ stream, revision, type: e.type, schemaVersion: e.schemaVersion, data: e.dataText, metadata: e.metadataText, prevHash });
    out.push({ ...e, revision, hash, prevHash });
    prevHash = hash;
  }
  return out;
}

/** True when a stored event is the same event as a retried one (same stream and content). */
export function sameContent(
  stored: { readonly stream: string; readonly type: string; readonly schemaVersion: number; readonly dataText: string; readonly metadataText: string },
  stream: string,
  e: CanonicalEvent,
): boolean {
  return (
    stored.stream === stream &&
    stored.type === e.type &&
    stored.schemaVersion === e.schemaVersion &&
    stored.dataText === e.dataText &&
    stored.metadataText === e.metadataText
  );
}
