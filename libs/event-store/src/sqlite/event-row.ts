// Decoding a raw SQLite row into a StoredEvent: the read hot path (one JSON.parse each for data and metadata).
import type { EventMetadata, JsonObject, StoredEvent } from '../port';
import type { UpcasterChain } from '../upcasting';

/** A row as better-sqlite3 returns it in raw mode, columns in EVENT_COLUMNS order. */
export type EventRow = [number, string, string, number, string, number, string, string, string, string | null];

export function decodeRow(r: EventRow, upcasters: UpcasterChain, raw: boolean): StoredEvent {
  const seq = BigInt(r[0]);
  const position = { commit: seq, prepare: seq };
  const type = r[4];
  let schemaVersion = r[5];
  let data = JSON.parse(r[6]) as JsonObject;
  const metadata = JSON.parse(r[7]) as EventMetadata;
  if (raw) {
    return {
      id: r[1], stream: r[2], revision: BigInt(r[3]), type, schemaVersion, data, metadata, position, hash: r[8], prevHash: r[9],
      raw: { data: r[6], metadata: r[7], schemaVersion },
    };
  }
  if (!upcasters.isEmpty) ({ data, schemaVersion } = upcasters.apply(type, schemaVersion, data));
  return { id: r[1], stream: r[2], revision: BigInt(r[3]), type, schemaVersion, data, metadata, position, hash: r[8], prevHash: r[9] };
}
