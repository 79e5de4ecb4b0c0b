// KeyStore adapter on the event store: one stream per key, so that every API instance of one EventStoreDB knows the same keys.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { type EventMetadata, type EventStore, type Position, type StoredEvent, type Subscription, WrongExpectedVersionError } from '@ogp/event-store';
import type { Clock } from '../clock/clock';
import { mintApiKey, parseApiKey, secretMatches } from './api-key';
import type { ApiKeyRecord, CreatedApiKey, KeyStore, NewApiKey } from './key-store';
import { isRole, type Principal, type Role } from './principal';

/** A key's stream is `apikey-<key id>`: ApiKeyCreated at revision 0, then ApiKeyRevoked at revision 1. */
export const API_KEY_STREAM_PREFIX = 'apikey-';
const CREATED = 'ApiKeyCreated';
const REVOKED = 'ApiKeyRevoked';
/** Wait before following the store again after the subscription failed (a dropped EventStoreDB connection). */
const RESUBSCRIBE_DELAY_MS = 1_000;

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
}

/**
 * Keys live in the event store as events (only the secret's SHA-256 is stored), and each instance keeps all of them
 * in memory: read whole at start, then followed through a subscription, so that a key created or revoked on one
 * instance (or by the CLI) holds on every other within the subscription's delay. A revocation through this store
 * holds here at once. Revoking appends at revision 1 with revision 0 expected, so a key is revoked once whichever
 * instance asks. Key events are part of the history, and so of the audit trail and the Merkle log: who was given
 * which role when is itself worth auditing.
 */
export class EventStoreKeyStore implements KeyStore {
  private readonly keys = new Map<string, KnownKey>();
  private position: Position | 'start' = 'start';
  private subscription: Subscription | null = null;
  private following: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly onFollowError: (error: unknown) => void,
  ) {}

  /** Reads every key from the store, then follows it. */
  static async open(store: EventStore, clock: Clock, onFollowError: (error: unknown) => void = () => undefined): Promise<EventStoreKeyStore> {
    const keys = new EventStoreKeyStore(store, clock, onFollowError);
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
    await this.store.append(`${API_KEY_STREAM_PREFIX}${minted.id}`, [{ id: randomUUID(), type: CREATED, schemaVersion: 1, data: { ...data }, metadata: this.metadata('API key created', createdAt) }], {
      expectedRevision: 'no_stream',
    });
    this.created(data);
    return { record: this.keys.get(minted.id)!.record, key: minted.key };
  }

  async authenticate(key: string): Promise<Principal | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const known = this.keys.get(parsed.id);
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

  async revoke(id: string): Promise<boolean> {
    const revokedAt = this.clock.now().toISOString();
    const data: RevokedData = { keyId: id, revokedAt };
    try {
      await this.store.append(`${API_KEY_STREAM_PREFIX}${id}`, [{ id: randomUUID(), type: REVOKED, schemaVersion: 1, data: { ...data }, metadata: this.metadata('API key revoked', revokedAt) }], {
        expectedRevision: 0n,
      });
    } catch (error) {
      // No such key (no stream), or revoked already (by this instance or another).
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
    this.revoked(data);
    return true;
  }

  async countActive(role: Role): Promise<number> {
    let n = 0;
    for (const { record } of this.keys.values()) if (record.role === role && record.revokedAt === null) n++;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscription?.close();
    await this.following;
  }

  /** Follows the key streams from the last event seen, again after a failure, until closed. */
  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        this.subscription = this.store.subscribeToAll({ fromPosition: this.position, filter: { streamPrefixes: [API_KEY_STREAM_PREFIX] } });
        for await (const event of this.subscription) this.apply(event);
        return;
      } catch (error) {
        if (this.closed) return;
        this.onFollowError(error);
        await new Promise((resume) => setTimeout(resume, RESUBSCRIBE_DELAY_MS));
      }
    }
  }

  private apply(event: StoredEvent): void {
    this.position = event.position;
    if (event.type === CREATED) this.created(event.data as unknown as CreatedData);
    else if (event.type === REVOKED) this.revoked(event.data as unknown as RevokedData);
  }

  /** Both the local write and its delivery by the subscription arrive here: the second changes nothing. */
  private created(data: CreatedData): void {
    if (this.keys.has(data.keyId) || !isRole(data.role)) return;
    const record: ApiKeyRecord = { id: data.keyId, role: data.role, name: data.name, member: data.member, createdAt: data.createdAt, revokedAt: null };
    const principal: Principal = Object.freeze({ keyId: record.id, role: record.role, name: record.name, member: record.member });
    this.keys.set(data.keyId, { record, secretHash: data.secretHash, principal, verifiedSecret: null });
  }

  private revoked(data: RevokedData): void {
    const known = this.keys.get(data.keyId);
    if (known === undefined || known.record.revokedAt !== null) return;
    known.record = { ...known.record, revokedAt: data.revokedAt };
    known.verifiedSecret = null;
  }

  private metadata(reason: string, recordedAt: string): EventMetadata {
    const id = randomUUID();
    return { actorId: 'key-store', actorRole: 'system', commandId: id, correlationId: id, causationId: null, reason, recordedAt };
  }
}
