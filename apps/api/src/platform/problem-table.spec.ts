// problemFor: what a client is told for errors that are neither domain nor platform problems of ours.
import { problemFor } from './problem-table';

const sqliteError = (code: string): Error => Object.assign(new Error('database or disk is full'), { code });

describe('problemFor', () => {
  it('answers a full disk with 503 not-ready (retry once space is freed), not a bare 500, even when wrapped', () => {
    for (const error of [sqliteError('SQLITE_FULL'), new Error('append failed', { cause: sqliteError('SQLITE_FULL') })]) {
      expect(problemFor(error, { hadIfMatch: false })).toMatchObject({ status: 503, code: 'not-ready', detail: expect.stringContaining('disk holding the data is full') });
    }
  });

  it('keeps other SQLite errors a 500 that says nothing', () => {
    expect(problemFor(sqliteError('SQLITE_CORRUPT'), { hadIfMatch: false })).toMatchObject({ status: 500, code: 'internal-error' });
    expect(problemFor(sqliteError('SQLITE_CORRUPT'), { hadIfMatch: false }).detail).toBeUndefined();
  });
});
