// The first start's admin key: made when no admin key for every member was ever made, never again after.
import { FixedClock } from '../clock/fixed-clock';
import { ensureAdminKey, hasActiveAdminKey } from './ensure-admin-key';
import { SqliteKeyStore } from './sqlite-key-store';

describe('ensureAdminKey', () => {
  let keys: SqliteKeyStore;
  beforeEach(() => {
    keys = new SqliteKeyStore(':memory:', new FixedClock());
  });
  afterEach(() => keys.close());

  it('given an empty key store, makes an admin key for every member', async () => {
    const made = await ensureAdminKey(keys);
    expect(made?.record).toMatchObject({ role: 'admin', member: null });
    expect(await hasActiveAdminKey(keys)).toBe(true);
  });

  it('given only a member-scoped admin key and other roles, still makes one: none of them is an admin of every member', async () => {
    await keys.create({ role: 'admin', name: 'Semarang ops', member: 'semarang' });
    await keys.create({ role: 'auditor', name: 'TII' });
    expect(await hasActiveAdminKey(keys)).toBe(false);
    expect((await ensureAdminKey(keys))?.record).toMatchObject({ role: 'admin', member: null });
  });

  it('given an admin key that was revoked, makes none, and tells that none is active', async () => {
    const first = (await ensureAdminKey(keys))!;
    await keys.revoke(first.record.id);
    expect(await ensureAdminKey(keys)).toBeNull();
    expect(await hasActiveAdminKey(keys)).toBe(false);
    expect((await keys.list()).filter((k) => k.role === 'admin')).toHaveLength(1);
  });
});
