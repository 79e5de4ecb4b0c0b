// Mapping between our events and EventStoreDB's: hash, prevHash and schemaVersion ride in the metadata under $ogp.
import { type AllStreamRecordedEvent, type EventData, type RecordedEvent, jsonEvent } from '@eventstore/db-client';
import { canonicalize } from '@ogp/ledger';
import type { ChainedEvent } from '../chain-entry';
import type { EventMetadata, JsonObject, Position, StoredEvent } from '../port';
import type { UpcasterChain } from '../upcasting';

const OGP_KEY = '$ogp';

interface OgpChainFields {
  readonly hash: string;
  readonly prevHash: string | null;
  readonly schemaVersion: number;
}

/**
 * Data and metadata are sent as the parsed canonical texts, so that canonicalize() of what comes back is exactly
 * the text that was hashed (JSON round trips preserve values, and canonical text is a function of the value).
 */
export function toEventData(e: ChainedEvent): EventData {
  const chain: OgpChainFields = { hash: e.hash, prevHash: e.prevHash, schemaVersion: e.schemaVersion };
  const metadata = { ...(JSON.parse(e.metadataText) as JsonObject), [OGP_KEY]: { ...chain } };
  return jsonEvent({ id: e.id, type: e.type, data: JSON.parse(e.dataText) as JsonObject, metadata });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function chainFields(value: unknown): OgpChainFields | null {
  if (!isObject(value)) return null;
  const { hash, prevHash, schemaVersion } = value;
  if (typeof hash !== 'string' || (prevHash !== null && typeof prevHash !== 'string') || typeof schemaVersion !== 'number') return null;
  return { hash, prevHash, schemaVersion };
}

/** True for EventStoreDB's own events and streams, which the port never shows. */
export function isSystemEvent(e: { readonly type: string; readonly streamId: string }): boolean {
  return e.type.startsWith('$') || e.streamId.startsWith('$');
}

/** Our StoredEvent, or null for anything we did not write (system events, foreign or binary events). */
export function fromRecorded(
  e: RecordedEvent | AllStreamRecordedEvent,
  upcasters: UpcasterChain,
  raw: boolean,
): StoredEvent | null {
  if (isSystemEvent(e) || !e.isJson || !isObject(e.data) || !isObject(e.metadata)) return null;
  const { [OGP_KEY]: ogp, ...rest } = e.metadata;
  const chain = chainFields(ogp);
  if (!chain) return null;
  const position: Position = e.position ? { commit: e.position.commit, prepare: e.position.prepare } : { commit: -1n, prepare: -1n };
  const metadata = rest as EventMetadata;
  const stored = e.data as JsonObject;
  const base = { id: e.id, stream: e.streamId, revision: e.revision, type: e.type, metadata, position, hash: chain.hash, prevHash: chain.prevHash };
  if (raw) {
    return {
      ...base,
      data: stored,
      schemaVersion: chain.schemaVersion,
      raw: { data: canonicalize(stored), metadata: canonicalize(metadata), schemaVersion: chain.schemaVersion },
    };
  }
  const upcast = upcasters.apply(e.type, chain.schemaVersion, stored);
  return { ...base, data: upcast.data, schemaVersion: upcast.schemaVersion };
}
