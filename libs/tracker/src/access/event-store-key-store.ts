// KeyStore adapter on the event store: one stream per key, so that every API instance of one EventStoreDB knows the same keys.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { SHA256_PATTERN } from '@ogp/domain';
import { type EventMetadata, type EventStore, type Position, type StoredEvent, type Subscription, WrongExpectedVersionError } from '@ogp/event-store';
import type { Clock } from '../clock/clock';
import { retryWait, type RetryWait } from '../store/retry-wait';
import { KEY_ID_PATTERN, mintApiKey, parseApiKey, secretMatches } from './api-key';
import type { ApiKeyRecord, CreatedApiKey, KeyStore, NewApiKey } from './key-store';
import { isRole, type Principal, type Role } from './principal';

/** A key's stream is `apikey-<key id>`: ApiKeyCreated at revision 0, later ApiKeyRevoked. */
export const API_KEY_STREAM_PREFIX = 'apikey-';
const CREATED = 'ApiKeyCreated';
const REVOKED = 'ApiKeyRevoked';
/** Wait before following the store again after the subscription failed (a dropped EventStoreDB connection). */
const RESUBSCRIBE_DELAY_MS = 1_000;
/** Appends of a revocation raced by another writer of the key's stream, before giving up. */
const REVOKE_ATTEMPTS = 3;
/**
 * How long a key in use is trusted without reading its stream again: however the subscription fares (a partition, a
 * stalled EventStoreDB connection), a key revoked elsewhere is refused here within this time.
 */
export const KEY_CONFIRM_TTL_MS = 1_000;

interface CreatedData {
  readonly keyId: string;
  readonly role: Role;
  readonly name: string;
  readonly member: string | null;
  readonly secretHash: string;
  readonly createdAt: string;
}

interface RevokedData {
  readonly keyId: string;
  readonly revokedAt: string;
}

interface KnownKey {
  record: ApiKeyRecord;
  readonly secretHash: string;
  readonly principal: Principal;
  /** The secret once it matched the hash: comparing bytes costs far less than hashing again. */
  verifiedSecret: Buffer | null;
  /** When the key's state was last read from the store (performance.now()). */
  confirmedAt: number;
}

/** Reports what the store holds that this adapter will not act on, and failures to follow it. */
export type KeyStoreWarning = (message: string) => void;

/**
 * Keys live in the event store as events (only the secret's SHA-256 is stored), and each instance keeps all of them
 * in memory: read whole at start, then followed through a subscription, so that a key created or revoked on one
 * instance (or by the CLI) holds on every other within the subscription's delay. A revocation through this store
 * holds here at once. Whatever the subscription does, a key in use is read again from its own stream once its state
 * is older than KEY_CONFIRM_TTL_MS, so that a key revoked elsewhere is refused within that time; should the read
 * fail, the request fails (closed), it is not let in.
 *
 * Only well-formed events in their own key's stream count (a creation at revision 0, then a revocation): anything
 * else another writer of the store puts there is reported and ignored, so that it can neither plant a key under
 * another stream nor make a key impossible to revoke. Key events are part of the history (the Merkle log, the
 * events export): who was given which role when can be verified like the rest.
 */
export class EventStoreKeyStore implements KeyStore {
  private readonly keys = new Map<string, KnownKey>();
  /** Revocations of keys not seen yet (another instance's key, its creation still on its way): they stay revoked. */
  private readonly revokedUnseen = new Map<string, string>();
  private position: Position | 'start' = 'start';
  private subscription: Subscription | null = null;
  private following: Promise<void> = Promise.resolve();
  private wait: RetryWait | null = null;
  private closed = false;

  private constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly warn: KeyStoreWarning,
  ) {}

  /** Reads every key from the store, then follows it. */
  static async open(store: EventStore, clock: Clock, warn: KeyStoreWarning = () => undefined): Promise<EventStoreKeyStore> {
    const keys = new EventStoreKeyStore(store, clock, warn);
    for await (const event of store.readAll({ filter: { streamPrefixes: [API_KEY_STREAM_PREFIX] } })) keys.apply(event);
    keys.following = keys.follow();
    return keys;
  }

  async create(input: NewApiKey): Promise<CreatedApiKey> {
    if (!isRole(input.role)) throw new RangeError(`Unknown role: ${String(input.role)}`);
    if (input.name.trim() === '') throw new RangeError('A key needs a name');
    const minted = mintApiKey();
    const createdAt = this.clock.now().toISOString();
    const data: CreatedData = { keyId: minted.id, role: input.role, name: input.name, member: input.member ?? null, secretHash: minted.secretHash, createdAt };
    await this.store.append(streamOf(minted.id), [{ id: randomUUID(), type: CREATED, schemaVersion: 1, data: { ...data }, metadata: this.metadata('API key created', createdAt) }], {
      expectedRevision: 'no_stream',
    });
    this.created(data);
    return { record: this.keys.get(minted.id)!.record, key: minted.key };
  }

  async authenticate(key: string): Promise<Principal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    let known = this.keys.get(parsed.id);
    if (known !== undefined && performance.now() - known.confirmedAt > KEY_CONFIRM_TTL_MS) {
      await this.refresh(parsed.id);
      known = this.keys.get(parsed.id)!;
    }
    if (known === undefined || known.record.revokedAt !== null) return null;
    const presented = Buffer.from(parsed.secret, 'latin1');
    // Both are 43 ASCII characters (parseApiKey), so the comparison takes the same time whatever they hold.
    if (known.verifiedSecret !== null) return timingSafeEqual(presented, known.verifiedSecret) ? known.principal : null;
    if (!secretMatches(parsed.secret, known.secretHash)) return null;
    known.verifiedSecret = presented;
    return known.principal;
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    return [...this.keys.values()].map((k) => k.record).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
  }

  /**
   * Reads the key's stream, and appends the revocation after its last event (whatever else a writer put there),
   * expecting that revision: of two instances revoking at once, one appends and the other, on reading again, finds
   * the key revoked. False for an unknown key and one revoked already.
   */
  async revoke(id: string): Promise<boolean> {
    if (!KEY_ID_PATTERN.test(id)) return false;
    for (let attempt = 1; ; attempt++) {
      const { events, last } = await this.readKeyStream(id);
      if (!events.some((e) => validCreation(e, id)) || events.some((e) => validRevocation(e, id))) return false;
      const revokedAt = this.clock.now().toISOString();
      const data: RevokedData = { keyId: id, revokedAt };
      try {
        await this.store.append(streamOf(id), [{ id: randomUUID(), type: REVOKED, schemaVersion: 1, data: { ...data }, metadata: this.metadata('API key revoked', revokedAt) }], {
          expectedRevision: last!,
        });
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < REVOKE_ATTEMPTS) continue;
        throw error;
      }
      this.revoked(data);
      return true;
    }
  }

  async countActive(role: Role): Promise<number> {
    let n = 0;
    for (const { record } of this.keys.values()) if (record.role === role && record.revokedAt === null) n++;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wait?.stop();
    await this.subscription?.close();
    await this.following;
  }

  /** Follows the key streams from the last event seen, again after a failure or an end, until closed. */
  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        this.subscription = this.store.subscribeToAll({ fromPosition: this.position, filter: { streamPrefixes: [API_KEY_STREAM_PREFIX] } });
        for await (const event of this.subscription) this.apply(event);
        if (this.closed) return;
        throw new Error('the subscription ended');
      } catch (error) {
        if (this.closed) return;
        this.warn(`following the API keys in the event store failed (${error instanceof Error ? error.message : String(error)}); again in a second`);
        this.wait = retryWait(RESUBSCRIBE_DELAY_MS);
        await this.wait.done;
        this.wait = null;
      }
    }
  }

  /** Brings one key up to date from its own stream. */
  private async refresh(id: string): Promise<void> {
    const readAt = performance.now();
    for (const event of (await this.readKeyStream(id)).events) this.applyOwn(event);
    const known = this.keys.get(id);
    if (known !== undefined) known.confirmedAt = readAt;
  }

  private async readKeyStream(id: string): Promise<{ events: StoredEvent[]; last: bigint | null }> {
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(streamOf(id))) events.push(event);
    return { events, last: events.at(-1)?.revision ?? null };
  }

  private apply(event: StoredEvent): void {
    this.position = event.position;
    this.applyOwn(event);
  }

  /** Acts on a well-formed event in its own key's stream; reports and ignores anything else. */
  private applyOwn(event: StoredEvent): void {
    const id = event.stream.slice(API_KEY_STREAM_PREFIX.length);
    if (validCreation(event, id)) this.created(event.data as unknown as CreatedData);
    else if (validRevocation(event, id)) this.revoked(event.data as unknown as RevokedData);
    else this.warn(`ignored ${event.type} at revision ${event.revision} of ${event.stream}: not a well-formed event of that key`);
  }

  /** Both the local write and its delivery by the subscription arrive here: the second changes nothing. */
  private created(data: CreatedData): void {
    if (this.keys.has(data.keyId)) return;
    const revokedAt = this.revokedUnseen.get(data.keyId) ?? null;
    this.revokedUnseen.delete(data.keyId);
    const record: ApiKeyRecord = { id: data.keyId, role: data.role, name: data.name, member: data.member, createdAt: data.createdAt, revokedAt };
    const principal: Principal = Object.freeze({ keyId: record.id, role: record.role, name: record.name, member: record.member });
    this.keys.set(data.keyId, { record, secretHash: data.secretHash, principal, verifiedSecret: null, confirmedAt: performance.now() });
  }

  private revoked(data: RevokedData): void {
    const known = this.keys.get(data.keyId);
    if (known === undefined) {
      if (!this.revokedUnseen.has(data.keyId)) this.revokedUnseen.set(data.keyId, data.revokedAt);
      return;
    }
    if (known.record.revokedAt !== null) return;
    known.record = { ...known.record, revokedAt: data.revokedAt };
    known.verifiedSecret = null;
  }

  private metadata(reason: string, recordedAt: string): EventMetadata {
    const id = randomUUID();
    return { actorId: 'key-store', actorRole: 'system', commandId: id, correlationId: id, causationId: null, reason, recordedAt };
  }
}

function streamOf(id: string): string {
  return `${API_KEY_STREAM_PREFIX}${id}`;
}

/** A creation of key `id`: first in the key's own stream, with every field of the right shape. */
function validCreation(event: StoredEvent, id: string): boolean {
  if (event.type !== CREATED || event.revision !== 0n || event.stream !== streamOf(id) || !KEY_ID_PATTERN.test(id)) return false;
  const d = event.data as Partial<Record<keyof CreatedData, unknown>>;
  return (
    d.keyId === id &&
    typeof d.role === 'string' &&
    isRole(d.role) &&
    typeof d.name === 'string' &&
    d.name.trim() !== '' &&
    (d.member === null || (typeof d.member === 'string' && d.member !== '')) &&
    typeof d.secretHash === 'string' &&
    SHA256_PATTERN.test(d.secretHash) &&
    typeof d.createdAt === 'string'
  );
}

/** A revocation of key `id`, in the key's own stream after its creation. */
function validRevocation(event: StoredEvent, id: string): boolean {
  if (event.type !== REVOKED || event.revision < 1n || event.stream !== streamOf(id)) return false;
  const d = event.data as Partial<Record<keyof RevokedData, unknown>>;
  return d.keyId === id && typeof d.revokedAt === 'string';
}
