import { InvalidAsOfError, normalizeAsOf } from './as-of';

describe('normalizeAsOf', () => {
  it('reads a date as the end of that UTC day and an instant in its own zone, written as recordedAt is', () => {
    expect(normalizeAsOf('2022-03-01')).toBe('2022-03-01T23:59:59.999Z');
    expect(normalizeAsOf('2022-03-01T07:00:00+07:00')).toBe('2022-03-01T00:00:00.000Z');
    expect(normalizeAsOf('2022-03-01T00:00Z')).toBe('2022-03-01T00:00:00.000Z');
  });

  it('refuses an instant without a zone, which the server would read in its own local time', () => {
    for (const value of ['2022-03-01T10:00:00', '2022-03-01T10:00', 'yesterday', '2022-02-30', '03/01/2022']) {
      expect(() => normalizeAsOf(value)).toThrow(InvalidAsOfError);
    }
  });
});
