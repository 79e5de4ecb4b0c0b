// Who is calling: the authenticated identity behind an API key, with its one role and optional member scope.
export const ROLES = ['admin', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  /** The API key's public id: the actor id recorded in event metadata. */
  readonly keyId: string;
  readonly role: Role;
  readonly name: string;
  /** A member id (e.g. 'semarang') when the key may act on that member only; null for an unscoped key. */
  readonly member: string | null;
}
