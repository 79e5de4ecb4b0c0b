// Specification of the shared values: ISO dates, id patterns, and the error catalogue the API maps from.
import { addDays, addMonths, canonicalTimeZone, dateOf, endOfDay, isIsoDate, isIsoInstant, isIsoMonth, lastDayOf } from './dates';
import { ERROR_CATALOGUE, ERROR_CODES, DomainError } from './errors';
import { ID_PATTERNS, isIdOf, isMemberId, isOgpCommitmentId } from './ids';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(['2021-07-30', '2024-02-29'].every(isIsoDate)).toBe(true);
    expect(['2021-02-29', '2021-13-01', '2021-7-30', '30/07/2021', '2021-07-30T00:00:00Z', 20210730].some(isIsoDate)).toBe(false);
  });
  it('accepts months and zoned instants', () => {
    expect(isIsoMonth('2021-08')).toBe(true);
    expect(isIsoMonth('2021-00')).toBe(false);
    expect(isIsoInstant('2021-07-30T09:00:00Z')).toBe(true);
    expect(isIsoInstant('2021-07-30T09:00:00.123+07:00')).toBe(true);
    expect(isIsoInstant('2021-07-30T09:00:00')).toBe(false);
    expect(isIsoInstant('2021-02-30T09:00:00Z')).toBe(false);
  });
  it('does calendar arithmetic in UTC, clamping month ends', () => {
    expect(addMonths('2021-07-30', 2)).toBe('2021-09-30');
    expect(addMonths('2021-12-31', 2)).toBe('2022-02-28');
    expect(addDays('2021-12-31', 14)).toBe('2022-01-14');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(dateOf('2021-07-30T23:30:00-02:00')).toBe('2021-07-31');
  });
  it('names the day of an instant in a time zone', () => {
    expect(dateOf('2022-01-04T23:00:00Z', 'Asia/Jakarta')).toBe('2022-01-05');
    expect(dateOf('2022-01-04T23:00:00Z', 'America/New_York')).toBe('2022-01-04');
    expect(dateOf('2022-01-05', 'Asia/Jakarta')).toBe('2022-01-05');
  });
  it('ends a day at the zone’s midnight, across summer-time changes', () => {
    expect(endOfDay('2022-01-05')).toBe('2022-01-05T23:59:59.999Z');
    expect(endOfDay('2022-01-05', 'Asia/Jakarta')).toBe('2022-01-05T16:59:59.999Z');
    expect(endOfDay('2022-03-12', 'America/New_York')).toBe('2022-03-13T04:59:59.999Z');
    expect(endOfDay('2022-03-13', 'America/New_York')).toBe('2022-03-14T03:59:59.999Z');
  });
  it('knows IANA time zones by their canonical names', () => {
    expect(canonicalTimeZone('asia/jakarta')).toBe('Asia/Jakarta');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect([canonicalTimeZone('Asia/Semarang'), canonicalTimeZone(''), canonicalTimeZone(7)]).toEqual([null, null, null]);
  });
});

describe('ids', () => {
  it('follows the documented patterns', () => {
    expect(isMemberId('semarang')).toBe(true);
    expect(isMemberId('buenos-aires')).toBe(true);
    expect(['Semarang', 's', 'semarang-', '-x', 'a_b'].some(isMemberId)).toBe(false);
    expect(isIdOf('commitment', '3f1c2a9e-1b2c-4d3e-8f90-0a1b2c3d4e5f')).toBe(true);
    expect(isIdOf('milestone', 'semarang-2021-c1-m1')).toBe(true);
    expect(isIdOf('claim', 'x'.repeat(65))).toBe(false);
  });
  it('keeps OGP’s commitment ids as their own pattern', () => {
    expect(isOgpCommitmentId('IDSMG0001')).toBe(true);
    expect(['idsmg0001', 'IDSMG001', 'SMG0001', 'ID-SMG-0001'].some(isOgpCommitmentId)).toBe(false);
  });
  it('gives an example that matches each pattern', () => {
    for (const [kind, { example }] of Object.entries(ID_PATTERNS)) expect(isIdOf(kind as keyof typeof ID_PATTERNS, example)).toBe(true);
  });
});

describe('errors', () => {
  it('lists every code with a title and a kind', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(30);
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^[a-z-]+\.[a-z-]+$/);
      expect(['validation', 'not-found', 'conflict', 'forbidden']).toContain(ERROR_CATALOGUE[code].kind);
    }
  });
  it('carries its code and kind', () => {
    const e = new DomainError('commitment.withdrawn', 'Commitment c-1 is withdrawn');
    expect(e).toMatchObject({ code: 'commitment.withdrawn', kind: 'conflict', name: 'DomainError' });
    expect(e).toBeInstanceOf(Error);
  });
});
