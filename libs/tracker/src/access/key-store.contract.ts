// The contract every KeyStore adapter passes; each adapter's spec calls it.
import type { KeyStore } from './key-store';

export function keyStoreContract(name: string, open: () => Promise<KeyStore>): void {
  describe(`KeyStore contract: ${name}`, () => {
    let store: KeyStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates a key that authenticates as its role, name and member', async () => {
      const created = await store.create({ role: 'admin', name: 'secretariat', member: 'semarang' });
      expect(created.key).toMatch(/^ogp_[0-9a-f]+_\S+$/);
      expect(created.record).toMatchObject({ role: 'admin', name: 'secretariat', member: 'semarang', revokedAt: null });
      await expect(store.authenticate(created.key)).resolves.toEqual({
        keyId: created.record.id,
        role: 'admin',
        name: 'secretariat',
        member: 'semarang',
      });
    });

    it('gives an unscoped key a null member', async () => {
      const created = await store.create({ role: 'auditor', name: 'civil society' });
      expect((await store.authenticate(created.key))?.member).toBeNull();
    });

    it('refuses a wrong secret, an unknown id and junk', async () => {
      const created = await store.create({ role: 'reviewer', name: 'IRM' });
      const lastChar = created.key.endsWith('A') ? 'B' : 'A';
      await expect(store.authenticate(created.key.slice(0, -1) + lastChar)).resolves.toBeNull();
      await expect(store.authenticate(created.key.replace(created.record.id, '0000000000000000'))).resolves.toBeNull();
      await expect(store.authenticate('')).resolves.toBeNull();
      await expect(store.authenticate('Bearer nonsense')).resolves.toBeNull();
    });

    it('never lists the secret', async () => {
      const created = await store.create({ role: 'admin', name: 'ops' });
      const listed = JSON.stringify(await store.list());
      expect(listed).toContain(created.record.id);
      expect(listed).not.toContain(created.key.split('_').slice(2).join('_'));
    });

    it('revokes a key once: it no longer authenticates nor counts', async () => {
      const a = await store.create({ role: 'admin', name: 'a' });
      await store.create({ role: 'admin', name: 'b' });
      await store.create({ role: 'reviewer', name: 'c' });
      expect(await store.countActive('admin')).toBe(2);
      await expect(store.revoke(a.record.id)).resolves.toBe(true);
      await expect(store.revoke(a.record.id)).resolves.toBe(false);
      await expect(store.revoke('ffffffffffffffff')).resolves.toBe(false);
      await expect(store.authenticate(a.key)).resolves.toBeNull();
      expect(await store.countActive('admin')).toBe(1);
      expect(await store.countActive('reviewer')).toBe(1);
      expect(await store.countActive('auditor')).toBe(0);
      const revoked = (await store.list()).find((k) => k.id === a.record.id);
      expect(revoked?.revokedAt).not.toBeNull();
    });
  });
}
