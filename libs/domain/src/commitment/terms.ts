// A commitment's terms as OGP's commitment template names them, and their validation.
import type { IsoMonth } from '../shared/dates';
import { fail } from '../shared/errors';
import { OGP_VALUES, type OgpValue } from '../shared/scales';
import { requireId, requireMonth, requireOneOf, requireOrder, requireText, requireTextList } from '../shared/validate';

export interface CommitmentTerms {
  /** OGP's own id (e.g. `IDSMG0001`), an external reference; null until OGP assigns one. */
  readonly ogpId: string | null;
  readonly title: string;
  readonly problem: string;
  readonly statusQuo: string;
  readonly action: string;
  readonly objective: string;
  readonly values: readonly OgpValue[];
  readonly leadInstitution: string;
  readonly supportingInstitutions: { readonly government: readonly string[]; readonly civilSociety: readonly string[] };
  readonly policyArea: string;
  readonly startMonth: IsoMonth;
  readonly endMonth: IsoMonth;
}

export const TERM_FIELDS = [
  'ogpId', 'title', 'problem', 'statusQuo', 'action', 'objective', 'values', 'leadInstitution', 'supportingInstitutions', 'policyArea', 'startMonth', 'endMonth',
] as const satisfies readonly (keyof CommitmentTerms)[];

/** Validates complete terms, returning a normalised copy (only known fields). */
export function validateTerms(terms: CommitmentTerms): CommitmentTerms {
  const ogpId = terms.ogpId === null ? null : requireId('ogp-commitment', terms.ogpId, 'ogpId');
  if (!Array.isArray(terms.values) || terms.values.length === 0) fail('value.invalid', 'values must name at least one OGP value', { field: 'values' });
  const values = terms.values.map((v, i) => requireOneOf(OGP_VALUES, v, `values[${i}]`));
  const startMonth = requireMonth(terms.startMonth, 'startMonth');
  const endMonth = requireMonth(terms.endMonth, 'endMonth');
  requireOrder(startMonth, endMonth, 'The commitment ends before it starts');
  return {
    ogpId,
    title: requireText(terms.title, 'title'),
    problem: requireText(terms.problem, 'problem'),
    statusQuo: requireText(terms.statusQuo, 'statusQuo'),
    action: requireText(terms.action, 'action'),
    objective: requireText(terms.objective, 'objective'),
    values: [...new Set(values)],
    leadInstitution: requireText(terms.leadInstitution, 'leadInstitution'),
    supportingInstitutions: {
      government: requireTextList(terms.supportingInstitutions?.government, 'supportingInstitutions.government'),
      civilSociety: requireTextList(terms.supportingInstitutions?.civilSociety, 'supportingInstitutions.civilSociety'),
    },
    policyArea: requireText(terms.policyArea, 'policyArea'),
    startMonth,
    endMonth,
  };
}

/** The fields a revision changes: old and new values of exactly those fields. */
export function diffTerms(before: CommitmentTerms, after: CommitmentTerms): { before: Partial<CommitmentTerms>; after: Partial<CommitmentTerms> } {
  const old: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  for (const field of TERM_FIELDS) {
    if (!sameValue(before[field], after[field])) {
      old[field] = before[field];
      next[field] = after[field];
    }
  }
  return { before: old as Partial<CommitmentTerms>, after: next as Partial<CommitmentTerms> };
}

/**
 * Equality of JSON values: arrays in order, objects by their keys in any order. Not JSON.stringify, whose answer
 * depends on key order: a state folded from stored events (keys sorted by canonical JSON) would then differ from
 * the same state built in memory, and one command would decide differently after a restart.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return keys.length === Object.keys(other).length && keys.every((k) => Object.hasOwn(other, k) && sameValue((a as Record<string, unknown>)[k], other[k]));
}
