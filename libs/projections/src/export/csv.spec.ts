// Specs of CSV cells: RFC 4180 quoting and the formula-injection guard.
import { csvCell, csvLine } from './csv';

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('Kota Semarang')).toBe('Kota Semarang');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "open"')).toBe('"say ""open"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd'])('guards the formula %p', (cell) => {
    const out = csvCell(cell);
    const unquoted = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
    expect(unquoted).toBe(`'${cell}`);
  });

  it('does not guard numbers, which a spreadsheet reads as numbers anyway', () => {
    expect(csvCell(-5)).toBe('-5');
  });

  it('ends records with CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});
