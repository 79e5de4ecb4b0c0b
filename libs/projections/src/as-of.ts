// Normalising an "as of" argument to the form recordedAt is stored in (UTC, milliseconds, `Z`), so that comparing
// texts in SQL compares instants. A bare date means the end of that UTC day.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class InvalidAsOfError extends RangeError {
  readonly code = 'projections.invalid-as-of';
  constructor(readonly value: string) {
    super(`Not an ISO date or instant: ${value}`);
    this.name = 'InvalidAsOfError';
  }
}

export function normalizeAsOf(value: string): string {
  const text = DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw new InvalidAsOfError(value);
  return new Date(ms).toISOString();
}

/** Upper bound for "no as-of": sorts after every ISO instant. */
export const END_OF_TIME = '\uffff';
