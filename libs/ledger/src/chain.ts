// The per-stream hash chain: each event's hash covers its position in the stream, its content and the previous hash.
import { createHash } from 'node:crypto';

export interface ChainEntry {
  readonly stream: string;
  readonly revision: bigint | number;
  readonly type: string;
  readonly schemaVersion: number;
  /** RFC 8785 canonical JSON text of the event's data (see canonicalize). */
  readonly data: string;
  /** RFC 8785 canonical JSON text of the event's metadata. */
  readonly metadata: string;
  /** Hex hash of the previous event in the stream, or null for revision 0. */
  readonly prevHash: string | null;
}

/**
 * The canonical text of a chain entry: RFC 8785 JSON of
 * {data, metadata, prevHash, revision, schemaVersion, stream, type} (keys in JCS order), built by concatenation
 * because data and metadata are already canonical texts. Equal to canonicalize() of the parsed object.
 */
export function chainEntryText(e: ChainEntry): string {
  return (
    '{"data":' +
    e.data +
    ',"metadata":' +
    e.metadata +
    ',"prevHash":' +
    (e.prevHash === null ? 'null' : JSON.stringify(e.prevHash)) +
    ',"revision":' +
    e.revision.toString() +
    ',"schemaVersion":' +
    String(e.schemaVersion) +
    ',"stream":' +
    JSON.stringify(e.stream) +
    ',"type":' +
    JSON.stringify(e.type) +
    '}'
  );
}

/** Hex SHA-256 of the chain entry's canonical text. */
export function eventHash(e: ChainEntry): string {
  return createHash('sha256').update(chainEntryText(e)).digest('hex');
}
