// A KeyStore opened at its first use, so that a CLI command that needs no keys (verify, export, replay) opens none.
import type { ApiKeyRecord, CreatedApiKey, KeyStore, NewApiKey } from './key-store';
import type { Principal, Role } from './principal';

export class LazyKeyStore implements KeyStore {
  private store: Promise<KeyStore> | null = null;

  constructor(private readonly open: () => Promise<KeyStore>) {}

  private opened(): Promise<KeyStore> {
    this.store ??= this.open();
    return this.store;
  }

  async create(input: NewApiKey): Promise<CreatedApiKey> {
    return (await this.opened()).create(input);
  }

  async authenticate(key: string): Promise<Principal | null> {
    return (await this.opened()).authenticate(key);
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    return (await this.opened()).list();
  }

  async revoke(id: string): Promise<boolean> {
    return (await this.opened()).revoke(id);
  }

  async countActive(role: Role): Promise<number> {
    return (await this.opened()).countActive(role);
  }

  /** A store never opened is not opened to be closed; one that failed to open has nothing to close. */
  async close(): Promise<void> {
    const store = await this.store?.catch(() => null);
    await store?.close();
  }
}
