// Event export in the ledger's offline-verifiable NDJSON format (@ogp/ledger export-format: a header line, then one
// line per stored event with the canonical texts that were hashed), streamed in global order with bounded memory.
import { type EventStore, positionToString, type StoredEvent } from '@ogp/event-store';
import { canonicalize, EXPORT_FORMAT, EXPORT_VERSION, type ExportEventLine, exportLine } from '@ogp/ledger';

/** The export line of one stored event: the stored (pre-upcast) texts and schema version, as hashed. */
export function toExportEventLine(e: StoredEvent): ExportEventLine {
  return {
    kind: 'event',
    stream: e.stream,
    revision: e.revision,
    type: e.type,
    schemaVersion: e.raw?.schemaVersion ?? e.schemaVersion,
    data: e.raw?.data ?? canonicalize(e.data),
    metadata: e.raw?.metadata ?? canonicalize(e.metadata),
    hash: e.hash,
    prevHash: e.prevHash,
    position: positionToString(e.position),
  };
}

export interface ExportEventsOptions {
  /** The log's checkpoint origin (LEDGER_ORIGIN), written in the header. */
  readonly origin: string;
  /** Only these streams (e.g. a member's, see memberStreams). Hash chains still verify; the Merkle log does not, as it covers every event. */
  readonly streams?: ReadonlySet<string>;
  /** Informative header field (the exporter's clock). */
  readonly exportedAt?: string;
}

/** NDJSON lines (each ending with \n): the header, then every event (including signed ledger checkpoints). */
export async function* exportEventsNdjson(store: EventStore, options: ExportEventsOptions): AsyncIterable<string> {
  yield exportLine({
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    origin: options.origin,
    ...(options.exportedAt === undefined ? {} : { exportedAt: options.exportedAt }),
  });
  for await (const event of store.readAll({ raw: true })) {
    if (options.streams && !options.streams.has(event.stream)) continue;
    yield exportLine(toExportEventLine(event));
  }
}
