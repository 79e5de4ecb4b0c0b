// Identifier patterns: our own ids (member slugs, entity ids) and OGP's commitment ids kept as external references.

/** Member ids are lowercase slugs naming the jurisdiction, e.g. `semarang`, `buenos-aires`; 2 to 40 characters. */
export const MEMBER_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/**
 * Plan, commitment, milestone, claim and forum-meeting ids: lowercase letters, digits and single dashes, at most
 * 64 characters. This admits the lowercase UUIDs the application's id generator makes and readable slugs such as
 * `semarang-2021-c1-m2` used by the demo data.
 */
export const ENTITY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** OGP's own commitment ids: country code + jurisdiction code + 4 digits, e.g. `IDSMG0001` (Semarang, Indonesia). */
export const OGP_COMMITMENT_ID_PATTERN = /^[A-Z]{2}[A-Z]{2,5}\d{4}$/;
/** Hex SHA-256 of an evidence document, lowercase, 64 characters. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export type IdKind = 'member' | 'plan' | 'commitment' | 'milestone' | 'claim' | 'meeting' | 'ogp-commitment';

export const ID_PATTERNS: Readonly<Record<IdKind, { readonly pattern: RegExp; readonly maxLength: number; readonly example: string }>> = {
  member: { pattern: MEMBER_ID_PATTERN, maxLength: 40, example: 'semarang' },
  plan: { pattern: ENTITY_ID_PATTERN, maxLength: 64, example: 'semarang-2021' },
  commitment: { pattern: ENTITY_ID_PATTERN, maxLength: 64, example: 'semarang-2021-c1' },
  milestone: { pattern: ENTITY_ID_PATTERN, maxLength: 64, example: 'semarang-2021-c1-m1' },
  claim: { pattern: ENTITY_ID_PATTERN, maxLength: 64, example: 'semarang-2021-c1-m1-p1' },
  meeting: { pattern: ENTITY_ID_PATTERN, maxLength: 64, example: 'semarang-forum-2021-06' },
  'ogp-commitment': { pattern: OGP_COMMITMENT_ID_PATTERN, maxLength: 12, example: 'IDSMG0001' },
};

export function isIdOf(kind: IdKind, value: unknown): value is string {
  const { pattern, maxLength } = ID_PATTERNS[kind];
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength && pattern.test(value) && (kind !== 'member' || value.length >= 2);
}

export const isMemberId = (value: unknown): value is string => isIdOf('member', value);
export const isEntityId = (value: unknown): value is string => isIdOf('plan', value);
export const isOgpCommitmentId = (value: unknown): value is string => isIdOf('ogp-commitment', value);
