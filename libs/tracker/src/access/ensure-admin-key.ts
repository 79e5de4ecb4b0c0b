// The first start's admin key: made once, when the key store has never held an admin key for every member.
import type { CreatedApiKey, KeyStore } from './key-store';

/**
 * Creates an admin key for every member (unscoped) when the store has never held one, and returns it to be shown once;
 * null otherwise. Revoking the last one does not make the next start make another: after a compromise, "revoke every
 * key and restart" must not hand a new admin key to whoever reads the server's output. The CLI creates it then.
 * Keys scoped to a member do not count: none of them can sign a checkpoint or read every member.
 */
export async function ensureAdminKey(keys: KeyStore): Promise<CreatedApiKey | null> {
  const admins = (await keys.list()).filter((k) => k.role === 'admin' && k.member === null);
  if (admins.length > 0) return null;
  return keys.create({ role: 'admin', name: 'first-start admin' });
}

/** Whether an admin key for every member is active (else an operator should be told how to create one). */
export async function hasActiveAdminKey(keys: KeyStore): Promise<boolean> {
  return (await keys.list()).some((k) => k.role === 'admin' && k.member === null && k.revokedAt === null);
}
