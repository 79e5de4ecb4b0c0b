// Specification of endOfDay: the last millisecond whose wall-clock date in a zone is the given day, whatever the zone's
// summer-time rules do around midnight.
import { addDays, canonicalTimeZone, dateOf, endOfDay, IsoDate, IsoInstant, TimeZone } from './dates';

function later(instant: IsoInstant, ms: number): IsoInstant {
  return new Date(Date.parse(instant) + ms).toISOString();
}

/** The days of a calendar year, 1 January to 31 December. */
function daysOf(year: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) days.push(day);
  return days;
}

/** The days of a range of years whose end is not the last millisecond of the day on the zone's wall clock. */
function misplacedEnds(timeZone: TimeZone, fromYear: number, toYear: number): string[] {
  const misplaced: string[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const day of daysOf(year)) {
      const end = endOfDay(day, timeZone);
      const endsOn = dateOf(end, timeZone);
      const nextStartsOn = dateOf(later(end, 1), timeZone);
      if (endsOn !== day || nextStartsOn !== addDays(day, 1)) misplaced.push(`${day} -> ${end} (${endsOn}, then ${nextStartsOn})`);
    }
  }
  return misplaced;
}

describe('endOfDay', () => {
  describe('when summer time begins or ends at midnight, so that midnight is skipped or comes twice', () => {
    it.each(['America/Santiago', 'America/Havana', 'America/Asuncion', 'America/Scoresbysund', 'Asia/Gaza'])(
      'ends every day of 2010-2026 in %s at the last millisecond of its date',
      (timeZone) => {
        expect(misplacedEnds(timeZone, 2010, 2026)).toEqual([]);
      },
    );

    it('ends the day before a skipped midnight when the clock jumps to 01:00 (Santiago, September)', () => {
      // 2022-09-10 23:59:59.999 at -04:00, then 2022-09-11 01:00:00 at -03:00.
      expect(endOfDay('2022-09-10', 'America/Santiago')).toBe('2022-09-11T03:59:59.999Z');
      expect(dateOf('2022-09-11T04:00:00Z', 'America/Santiago')).toBe('2022-09-11');
    });

    it('ends the day that is 25 hours long at its second 23:59:59.999 (Santiago, April)', () => {
      // 24:00 at -03:00 becomes 23:00 at -04:00: 2022-04-02 runs until 04:00Z.
      expect(endOfDay('2022-04-02', 'America/Santiago')).toBe('2022-04-03T03:59:59.999Z');
      expect(dateOf('2022-04-03T03:00:00Z', 'America/Santiago')).toBe('2022-04-02');
    });

    it('ends the day before the clock goes back from 01:00 to 00:00 at the first midnight (Havana, November)', () => {
      // 2022-11-06 00:00 at -04:00 comes first; the hour from 00:00 is lived twice, both times on the 6th.
      expect(endOfDay('2022-11-05', 'America/Havana')).toBe('2022-11-06T03:59:59.999Z');
    });

    it('ends the day when its date is left for the last time, when the clock goes back over midnight (St. John’s, 2006)', () => {
      // 2006-10-29 00:00 at -02:30 lasts a minute, then the clock goes back to 23:01 on the 28th at -03:30.
      expect(dateOf('2006-10-29T02:30:00Z', 'America/St_Johns')).toBe('2006-10-29');
      expect(dateOf('2006-10-29T02:31:00Z', 'America/St_Johns')).toBe('2006-10-28');
      expect(endOfDay('2006-10-28', 'America/St_Johns')).toBe('2006-10-29T03:29:59.999Z');
    });

    it('ends the day when the clock leaps over midnight from the half hour before it (Toronto, 1919)', () => {
      // 23:30 at -05:00 became 00:30 at -04:00: neither offset, read a day either side, gives that instant.
      expect(endOfDay('1919-03-30', 'America/Toronto')).toBe('1919-03-31T04:29:59.999Z');
      expect(dateOf('1919-03-31T04:30:00Z', 'America/Toronto')).toBe('1919-03-31');
    });
  });

  describe('when the zone keeps ordinary rules', () => {
    it.each(['Asia/Jakarta', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC', 'Pacific/Kiritimati', 'Etc/GMT+12'])(
      'ends every day of 2010-2026 in %s at the last millisecond of its date',
      (timeZone) => {
        expect(misplacedEnds(timeZone, 2010, 2026)).toEqual([]);
      },
    );

    it('ends the day at the zone’s midnight, less its offset', () => {
      expect(endOfDay('2022-01-05', 'Asia/Jakarta')).toBe('2022-01-05T16:59:59.999Z');
      expect(endOfDay('2022-01-05', 'Pacific/Kiritimati')).toBe('2022-01-05T09:59:59.999Z');
      expect(endOfDay('2022-01-05', 'Etc/GMT+12')).toBe('2022-01-06T11:59:59.999Z');
      expect(endOfDay('2022-10-02', 'Australia/Lord_Howe')).toBe('2022-10-02T12:59:59.999Z');
    });

    it('reads the zone whatever its spelling', () => {
      expect(endOfDay('2022-01-05', 'asia/jakarta')).toBe(endOfDay('2022-01-05', 'Asia/Jakarta'));
      expect(canonicalTimeZone('ASIA/JAKARTA')).toBe('Asia/Jakarta');
    });
  });

  describe('when the zone skips a whole day (Apia went from 2011-12-29 to 2011-12-31)', () => {
    it('ends the skipped day with the day before it: the last millisecond whose date is not after it', () => {
      expect(endOfDay('2011-12-29', 'Pacific/Apia')).toBe('2011-12-30T09:59:59.999Z');
      expect(endOfDay('2011-12-30', 'Pacific/Apia')).toBe('2011-12-30T09:59:59.999Z');
      expect(dateOf('2011-12-30T10:00:00Z', 'Pacific/Apia')).toBe('2011-12-31');
      expect(endOfDay('2011-12-31', 'Pacific/Apia')).toBe('2011-12-31T09:59:59.999Z');
    });
  });
});
