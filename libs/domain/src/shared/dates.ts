// Calendar values of the domain: ISO dates (YYYY-MM-DD), months (YYYY-MM), instants and time zones; date arithmetic.
/** The form YYYY-MM-DD, whether or not it names a day of the calendar (isIsoDate checks that). */
export const ISO_DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** A calendar date, `YYYY-MM-DD`, that exists (2021-02-29 does not). */
export type IsoDate = string;
/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;
/** An instant with a time zone, e.g. `2021-07-30T09:00:00Z`. */
export type IsoInstant = string;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE_FORM.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isIsoMonth(value: unknown): value is IsoMonth {
  return typeof value === 'string' && ISO_MONTH.test(value);
}

export function isIsoInstant(value: unknown): value is IsoInstant {
  if (typeof value !== 'string') return false;
  const m = ISO_INSTANT.exec(value);
  return m !== null && isIsoDate(m[1]) && !Number.isNaN(Date.parse(value));
}

/** An IANA time zone name, e.g. `Asia/Jakarta`; a member's calendar days are days in its zone. */
export type TimeZone = string;
export const DEFAULT_TIME_ZONE: TimeZone = 'UTC';

/** The calendar date of an instant in a time zone (UTC by default), or the date itself. */
export function dateOf(value: IsoDate | IsoInstant, timeZone: TimeZone = DEFAULT_TIME_ZONE): IsoDate {
  if (isIsoDate(value)) return value;
  const ms = Date.parse(value);
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(ms).toISOString().slice(0, 10);
  const [y, m, d] = wallClock(ms, timeZone);
  return format(y, m, d);
}

/** The last millisecond of a calendar day in a time zone, as a UTC instant (`2022-01-05T16:59:59.999Z` in Asia/Jakarta). */
export function endOfDay(date: IsoDate, timeZone: TimeZone = DEFAULT_TIME_ZONE): IsoInstant {
  const nextMidnight = Date.parse(`${addDays(date, 1)}T00:00:00Z`);
  // Midnight on the wall clock, less the zone's offset; the offset is read again at the instant found, in case it
  // changes (summer time) in between.
  let instant = nextMidnight;
  for (let i = 0; i < 2; i++) instant = nextMidnight - offsetAt(instant, timeZone);
  return new Date(instant - 1).toISOString();
}

/** How far a zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: TimeZone): number {
  const [y, m, d, h, min, s] = wallClock(ms, timeZone);
  return Date.UTC(y, m - 1, d, h, min, s) - Math.floor(ms / 1000) * 1000;
}

/** Year, month, day, hour, minute, second on a zone's wall clock at an instant. */
function wallClock(ms: number, timeZone: TimeZone): [number, number, number, number, number, number] {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of clockFormat(timeZone).formatToParts(ms)) parts[p.type] = Number(p.value);
  return [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!];
}

/** The canonical name of a time zone the runtime knows (`asia/jakarta` gives `Asia/Jakarta`), or null. */
export function canonicalTimeZone(value: unknown): TimeZone | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    return clockFormat(value).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Formatters are costly to make (tens of microseconds) and a member's zone rarely changes: one per zone. */
const clockFormats = new Map<string, Intl.DateTimeFormat>();
function clockFormat(timeZone: TimeZone): Intl.DateTimeFormat {
  let found = clockFormats.get(timeZone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone, calendar: 'gregory', numberingSystem: 'latn', hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    clockFormats.set(timeZone, found);
  }
  return found;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds calendar months; the day is clamped to the target month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function firstDayOf(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: IsoMonth): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return format(y, m, daysInMonth(y, m));
}

/** ISO dates and months compare correctly as strings; this names the intent. */
export function isBefore(a: string, b: string): boolean {
  return a < b;
}
