// Normalising an "as of" argument to the form recordedAt is stored in (UTC, milliseconds, `Z`), so that comparing
// texts in SQL compares instants. A bare date means the end of that UTC day here; an entity's reads make it a day of
// its member first (entityAsOf).
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class InvalidAsOfError extends RangeError {
  readonly code = 'projections.invalid-as-of';
  constructor(readonly value: string) {
    super(`Not an ISO date or an ISO instant with its zone (Z or +07:00): ${value}`);
    this.name = 'InvalidAsOfError';
  }
}

/**
 * What an as-of may be: a date, or an instant with its zone (without one, Date.parse would read it in the server's
 * local time). The API validates requests with it too.
 */
export const AS_OF_PATTERN = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

export function normalizeAsOf(value: string): string {
  if (!AS_OF_PATTERN.test(value)) throw new InvalidAsOfError(value);
  const date = DATE_ONLY.test(value);
  const ms = Date.parse(date ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(ms)) throw new InvalidAsOfError(value);
  const normalized = new Date(ms).toISOString();
  // Date.parse rolls 2022-02-30 over into March: a date must come back as itself.
  if (date && normalized.slice(0, 10) !== value) throw new InvalidAsOfError(value);
  return normalized;
}

/** Upper bound for "no as-of": sorts after every ISO instant. */
export const END_OF_TIME = '\uffff';
