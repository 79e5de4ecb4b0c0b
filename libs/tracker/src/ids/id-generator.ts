// The one place ids are made: random UUIDs, and deterministic name-based UUIDs (RFC 9562 v5) for idempotent commands.
import { createHash, randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** RFC 9562 UUID version 5: SHA-1 of namespace bytes + name, with version and variant bits set. */
export function uuidV5(namespace: string, name: string): string {
  if (!isUuid(namespace)) throw new RangeError(`Namespace is not a UUID: ${namespace}`);
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Namespace of ogp-ledger's name-based ids (a fixed random UUID; never change it, ids derived from it are stored). */
export const OGP_ID_NAMESPACE = '5b1f7c2e-3d4a-4e8b-9f60-1c2d3e4f5a6b';
/** Namespace for command ids derived from (API key id, Idempotency-Key). */
export const COMMAND_ID_NAMESPACE = uuidV5(OGP_ID_NAMESPACE, 'command');

export class IdGenerator {
  /** A fresh random UUID (v4). */
  uuid(): string {
    return randomUUID();
  }

  /** The same (namespace, name) always gives the same UUID. */
  fromName(namespace: string, name: string): string {
    return uuidV5(namespace, name);
  }

  /**
   * The command id of a request carrying an Idempotency-Key: the same for every retry of that request by the same API
   * key. The request's fingerprint is part of it, so that another request under a key whose record has gone (its
   * retention passed, or another instance) is another command, not taken for the first one's retry.
   */
  commandIdFor(apiKeyId: string, idempotencyKey: string, requestFingerprint: string): string {
    return uuidV5(COMMAND_ID_NAMESPACE, `${apiKeyId}\n${idempotencyKey}\n${requestFingerprint}`);
  }

  /** The id of a new entity (plan, commitment, ...) a command creates: a retry of the command names the same one. */
  entityId(commandId: string, kind: string): string {
    return uuidV5(commandId, `new ${kind}`);
  }

  /** The id of the index-th event a command appends: a retry of the command re-appends the same ids. */
  eventId(commandId: string, index: number): string {
    if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Event index must be a non-negative integer: ${index}`);
    return uuidV5(commandId, String(index));
  }
}

