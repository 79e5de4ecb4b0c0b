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
});
