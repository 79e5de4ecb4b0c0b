// First start: when no admin key is active, create one so that the operator can get in.
import type { CreatedApiKey, KeyStore } from './key-store';

/** Returns the new key (to show once), or null when an active admin key already exists. */
export async function ensureAdminKey(keys: KeyStore): Promise<CreatedApiKey | null> {
  if ((await keys.countActive('admin')) > 0) return null;
  return keys.create({ role: 'admin', name: 'first-start admin' });
}
