// Runs the KeyStore contract against the SQLite adapter, in memory and on a file that survives reopening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../clock/fixed-clock';
import { keyStoreContract } from './key-store.contract';
import { SqliteKeyStore } from './sqlite-key-store';

keyStoreContract('SqliteKeyStore (:memory:)', async () => new SqliteKeyStore(':memory:', new FixedClock()));

describe('SqliteKeyStore on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps keys and revocations across reopening', async () => {
    const file = join(dir, 'access.sqlite');
    const first = new SqliteKeyStore(file, new FixedClock());
    const kept = await first.create({ role: 'admin', name: 'kept' });
    const revoked = await first.create({ role: 'admin', name: 'revoked' });
    await first.revoke(revoked.record.id);
    await first.close();

    const second = new SqliteKeyStore(file, new FixedClock());
    expect((await second.authenticate(kept.key))?.keyId).toBe(kept.record.id);
    expect(await second.authenticate(revoked.key)).toBeNull();
    await second.close();
  });

  describe('when a key has been verified lately', () => {
    it('refuses it as soon as revoke() through the same store has returned', async () => {
      const store = new SqliteKeyStore(join(dir, 'revoke-here.sqlite'), new FixedClock(), 60_000);
      const created = await store.create({ role: 'auditor', name: 'cached' });
      expect((await store.authenticate(created.key))?.keyId).toBe(created.record.id);
      await store.revoke(created.record.id);
      expect(await store.authenticate(created.key)).toBeNull();
      await store.close();
    });

    it('refuses a wrong secret for the cached key id', async () => {
      const store = new SqliteKeyStore(join(dir, 'wrong-secret.sqlite'), new FixedClock(), 60_000);
      const created = await store.create({ role: 'auditor', name: 'cached' });
      await store.authenticate(created.key);
      const forged = `ogp_${created.record.id}_${'A'.repeat(43)}`;
      expect(await store.authenticate(forged)).toBeNull();
      expect((await store.authenticate(created.key))?.keyId).toBe(created.record.id);
      await store.close();
    });

    it('refuses it once the cache time has passed after another process revoked it', async () => {
      const file = join(dir, 'revoke-elsewhere.sqlite');
      const api = new SqliteKeyStore(file, new FixedClock(), 50);
      const cli = new SqliteKeyStore(file, new FixedClock());
      const created = await api.create({ role: 'auditor', name: 'cached' });
      expect((await api.authenticate(created.key))?.keyId).toBe(created.record.id);
      await cli.revoke(created.record.id);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await api.authenticate(created.key)).toBeNull();
      await Promise.all([api.close(), cli.close()]);
    });
  });
});
