// Checks shared by the deciders; each throws the DomainError whose code names the broken rule.
import { canonicalTimeZone, dateOf, DEFAULT_TIME_ZONE, ISO_DATE_FORM, isIsoDate, isIsoInstant, isIsoMonth, type IsoDate, type IsoMonth, type TimeZone } from './dates';
import { fail } from './errors';
import { isIdOf, SHA256_PATTERN, type IdKind } from './ids';
import { isOneOf } from './scales';
import type { Actor, DecisionContext, Role } from './context';
import type { Evidence } from './evidence';

export function requireId(kind: IdKind, value: unknown, field: string): string {
  if (isIdOf(kind, value)) return value;
  return fail(kind === 'ogp-commitment' ? 'ogp-id.invalid' : 'id.invalid', `${field} is not a valid ${kind} id: ${String(value)}`, { field });
}

export function requireDate(value: unknown, field: string): IsoDate {
  if (isIsoDate(value)) return value;
  // Written YYYY-MM-DD but no day of the calendar (2021-02-29, 2021-04-31): say so, not that the form is wrong.
  const shaped = typeof value === 'string' && ISO_DATE_FORM.test(value);
  return fail('date.invalid', shaped ? `${field} is not a day of the calendar: ${value}` : `${field} must be an ISO date (YYYY-MM-DD): ${String(value)}`, { field });
}

/** Today, for the member a decision is about: the date of `now` in its time zone, and how to name that. */
export function todayOf(context: Pick<DecisionContext, 'now' | 'timeZone'>): { date: IsoDate; text: string } {
  const zone = context.timeZone ?? DEFAULT_TIME_ZONE;
  const date = dateOf(context.now, zone);
  return { date, text: `${date} in ${zone}` };
}

/** OGP was launched in 2011: nothing of an OGP Local member's record is older (0001-01-01 is a slip, not a fact). */
export const EARLIEST_RECORD_DATE = '2011-01-01';

/** The date of something already done (a meeting held, a plan submitted): not after the day it is recorded, nor before OGP. */
export function requirePastDate(value: unknown, field: string, context: Pick<DecisionContext, 'now' | 'timeZone'>): IsoDate {
  const date = requireDate(value, field);
  if (date < EARLIEST_RECORD_DATE) fail('date.before-ogp', `${field} ${date} is before OGP began (2011): no OGP Local record is that old`, { field });
  const today = todayOf(context);
  if (date > today.date) fail('date.in-future', `${field} ${date} is after today (${today.text}): record it once it has happened`, { field });
  return date;
}

export function requireTimeZone(value: unknown, field: string): TimeZone {
  return canonicalTimeZone(value) ?? fail('value.invalid', `${field} must be an IANA time zone, e.g. Asia/Jakarta: ${String(value)}`, { field });
}

export function requireMonth(value: unknown, field: string): IsoMonth {
  if (isIsoMonth(value)) return value;
  return fail('date.invalid', `${field} must be an ISO month (YYYY-MM): ${String(value)}`, { field });
}

export function requireInstant(value: unknown, field: string): string {
  if (isIsoInstant(value)) return value;
  return fail('date.invalid', `${field} must be an ISO instant with a time zone: ${String(value)}`, { field });
}

export function requireOrder(earlier: string, later: string, what: string): void {
  if (later < earlier) fail('date.out-of-order', `${what}: ${later} is before ${earlier}`, { earlier, later });
}

export function requireText(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim().length > 0) return value;
  return fail('field.required', `${field} is required`, { field });
}

export function requireReason(value: unknown, what: string): string {
  if (typeof value === 'string' && value.trim().length > 0) return value;
  return fail('reason.required', `${what} needs a reason`);
}

export function requireTextList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) return fail('field.required', `${field} must be a list`, { field });
  return value.map((item, i) => requireText(item, `${field}[${i}]`));
}

export function requireOneOf<T extends string>(scale: readonly T[], value: unknown, field: string): T {
  if (isOneOf(scale, value)) return value;
  return fail('value.invalid', `${field} must be one of ${scale.join(', ')}: ${String(value)}`, { field });
}

export function requireRole(actor: Actor, role: Role, command: string): void {
  if (actor.role !== role) fail('actor.forbidden-role', `${command} is issued by ${article(role)} ${role}, not by ${article(actor.role)} ${actor.role}`, { role: actor.role });
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/?#]+[^\s]*$/.test(value);
}

export function requireEvidence(list: unknown, field: string): Evidence[] {
  if (!Array.isArray(list)) return fail('evidence.invalid', `${field} must be a list`, { field });
  return list.map((item: unknown, i): Evidence => {
    const e = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const sha = e['sha256'] ?? null;
    const ok = isHttpUrl(e['url']) && typeof e['title'] === 'string' && e['title'].trim() !== '' && (sha === null || (typeof sha === 'string' && SHA256_PATTERN.test(sha)));
    if (!ok) fail('evidence.invalid', `${field}[${i}] needs an http(s) url, a title and optionally a lowercase hex SHA-256`, { field, index: i });
    return { url: e['url'] as string, title: e['title'] as string, sha256: sha as string | null };
  });
}
