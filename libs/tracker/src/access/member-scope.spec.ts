// Specifies member scope: unscoped keys act on any member, scoped keys on theirs only.
import { assertMemberScope, MemberScopeError, mayActOnMember } from './member-scope';
import type { Principal } from './principal';

describe('member scope', () => {
  const scoped: Principal = { keyId: 'k1', role: 'admin', name: 'secretariat', member: 'semarang' };
  const unscoped: Principal = { ...scoped, member: null };

  it('lets an unscoped key act on any member', () => {
    expect(mayActOnMember(unscoped, 'semarang')).toBe(true);
    expect(mayActOnMember(unscoped, 'bojonegoro')).toBe(true);
  });

  it('lets a scoped key act on its own member only', () => {
    expect(() => assertMemberScope(scoped, 'semarang')).not.toThrow();
    expect(() => assertMemberScope(scoped, 'bojonegoro')).toThrow(MemberScopeError);
  });

  it('raises an error the API maps to 403', () => {
    try {
      assertMemberScope(scoped, 'bojonegoro');
    } catch (error) {
      expect(error).toMatchObject({ code: 'access.outside-member-scope', kind: 'forbidden' });
    }
    expect.assertions(1);
  });
});
