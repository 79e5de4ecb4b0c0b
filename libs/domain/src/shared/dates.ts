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
  return dateAt(ms, timeZone);
}

/**
 * The last millisecond of a calendar day in a time zone, as a UTC instant (`2022-01-05T16:59:59.999Z` in Asia/Jakarta):
 * the last millisecond whose date on the zone's wall clock is that day. A day the zone skips (Pacific/Apia went from
 * 2011-12-29 to 2011-12-31) ends with the day before it, at the last millisecond whose date is not after it.
 */
export function endOfDay(date: IsoDate, timeZone: TimeZone = DEFAULT_TIME_ZONE): IsoInstant {
  const nextMidnight = Date.parse(`${addDays(date, 1)}T00:00:00Z`);
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(nextMidnight - 1).toISOString();
  return new Date(startOfDayAfter(date, nextMidnight, timeZone) - 1).toISOString();
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The first instant whose wall-clock date in the zone is after `date`; `nextMidnight` is the next day's 00:00 in UTC. */
function startOfDayAfter(date: IsoDate, nextMidnight: number, timeZone: TimeZone): number {
  // The zone's midnight lies within 14 hours of the UTC one, so a day later the clock has made any change it makes
  // around it. The offset then is the one to take unless the next midnight was skipped (Santiago leaps from 00:00 to
  // 01:00 in September), and it is the right one when the clock goes back over midnight: the day ends when it is
  // reached for the last time (St. John's went from 00:01 back to 23:01).
  const afterChange = nextMidnight - offsetAt(nextMidnight + DAY, timeZone);
  if (startsDayAfter(afterChange, date, timeZone)) return afterChange;
  // A skipped midnight: the day ends when 24:00 would have come on the clock as it was a day before.
  const beforeChange = nextMidnight - offsetAt(nextMidnight - DAY, timeZone);
  if (startsDayAfter(beforeChange, date, timeZone)) return beforeChange;
  return firstInstantAfter(date, nextMidnight - 26 * HOUR, nextMidnight + 26 * HOUR, timeZone);
}

/** Whether the wall-clock date is after `date` at the instant and not a millisecond before. */
function startsDayAfter(ms: number, date: IsoDate, timeZone: TimeZone): boolean {
  return dateAt(ms, timeZone) > date && dateAt(ms - 1, timeZone) <= date;
}

/**
 * The first instant in (from, to] whose wall-clock date is after `date`, by bisection: for a clock change that straddles
 * midnight (a leap from 23:30 to 00:30). The bounds are 26 hours either side of the UTC midnight, wider than any offset
 * a zone has had.
 */
function firstInstantAfter(date: IsoDate, from: number, to: number, timeZone: TimeZone): number {
  let [before, after] = [from, to];
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (dateAt(middle, timeZone) > date) after = middle;
    else before = middle;
  }
  return after;
}

/** The calendar date on a zone's wall clock at an instant. */
function dateAt(ms: number, timeZone: TimeZone): IsoDate {
  const [y, m, d] = wallClock(ms, timeZone);
  return format(y, m, d);
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

/** An instant as a zone's wall clock shows it, `2026-12-04 18:43:05`: the time a member's people read there. */
export function wallClockTime(instant: IsoInstant, timeZone: TimeZone): string {
  const [y, m, d, h, min, s] = wallClock(Date.parse(instant), timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${format(y, m, d)} ${two(h)}:${two(min)}:${two(s)}`;
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

/**
 * Formatters are costly to make (tens of microseconds) and a member's zone rarely changes: one per zone, kept under its
 * canonical name so that every spelling of a zone shares it. The spellings seen are remembered in a map of bounded
 * size, since they come from outside and need not be few.
 */
const clockFormats = new Map<TimeZone, Intl.DateTimeFormat>();
const canonicalNames = new Map<string, TimeZone>();
const SPELLINGS_REMEMBERED = 256;
function clockFormat(timeZone: TimeZone): Intl.DateTimeFormat {
  const canonical = canonicalNames.get(timeZone);
  if (canonical !== undefined) return clockFormats.get(canonical)!;
  const made = new Intl.DateTimeFormat('en-US', {
    timeZone, calendar: 'gregory', numberingSystem: 'latn', hourCycle: 'h23',
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const name = made.resolvedOptions().timeZone;
  if (!clockFormats.has(name)) clockFormats.set(name, made);
  // The oldest spelling is forgotten first; if it comes again, one formatter is made to learn its canonical name anew.
  if (canonicalNames.size >= SPELLINGS_REMEMBERED) canonicalNames.delete(canonicalNames.keys().next().value!);
  canonicalNames.set(timeZone, name);
  return clockFormats.get(name)!;
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
