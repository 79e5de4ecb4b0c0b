// Specifies If-Match parsing and ETag formatting.
import { formatETag, parseIfMatch } from './etag';
import { ProblemException } from './problem.exception';

describe('ETag / If-Match', () => {
  it('formats a revision as a strong ETag', () => {
    expect(formatETag(3n)).toBe('"3"');
  });

  it('reads a strong ETag as the expected revision, * as exists, absent as undefined', () => {
    expect(parseIfMatch('"3"')).toBe(3n);
    expect(parseIfMatch('"0"')).toBe(0n);
    expect(parseIfMatch('*')).toBe('exists');
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['3', 'W/"3"', '"3", "4"', '"-1"', '"03"', '""', '"abc"'])('rejects %s', (header) => {
    expect(() => parseIfMatch(header)).toThrow(ProblemException);
  });
});
