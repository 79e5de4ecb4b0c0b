// The KeyStore port: creating, authenticating, listing and revoking API keys.
import type { Principal, Role } from './principal';

export interface NewApiKey {
  readonly role: Role;
  readonly name: string;
  readonly member?: string | null;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  readonly member: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface CreatedApiKey {
  readonly record: ApiKeyRecord;
  /** The full key; shown once, never stored. */
  readonly key: string;
}

export interface KeyStore {
  create(input: NewApiKey): Promise<CreatedApiKey>;
  /** The principal of an active key, or null for a malformed, unknown, wrong or revoked key. */
  authenticate(key: string): Promise<Principal | null>;
  list(): Promise<readonly ApiKeyRecord[]>;
  /** True when the key was active and is now revoked; false when unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
  countActive(role: Role): Promise<number>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KEY_STORE');
