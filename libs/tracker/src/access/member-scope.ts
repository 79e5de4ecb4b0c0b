// Member scope: a key scoped to one member (e.g. an admin key for 'semarang') may act on that member only.
import type { Principal } from './principal';

/** Has the shape the API maps to 403 (code + kind 'forbidden'), like a domain error. */
export class MemberScopeError extends Error {
  readonly code = 'access.outside-member-scope';
  readonly kind = 'forbidden';
  constructor(
    readonly keyId: string,
    readonly allowedMember: string,
    readonly requestedMember: string,
  ) {
    // The message leaves the other member out: for a plan or a commitment, it would tell which member owns it.
    super(`This API key may act on member ${allowedMember} only`);
    this.name = 'MemberScopeError';
  }
}

export function mayActOnMember(principal: Principal, memberId: string): boolean {
  return principal.member === null || principal.member === memberId;
}

/** Throws MemberScopeError when the principal's key is scoped to another member. */
export function assertMemberScope(principal: Principal, memberId: string): void {
  if (!mayActOnMember(principal, memberId)) throw new MemberScopeError(principal.keyId, principal.member ?? '', memberId);
}
