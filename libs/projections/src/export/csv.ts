// RFC 4180 CSV cells with a guard against formula injection (cells a spreadsheet would evaluate are prefixed with ').
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Begins a CSV file: without it, Excel on Windows reads UTF-8 as the local code page ("2026–2028" shows as
 * "2026â€“2028"); spreadsheets and csv readers that know UTF-8 drop it.
 */
export const UTF8_BOM = '\uFEFF';

/** One cell: formula-guarded, quoted when it holds a comma, quote or line break (quotes doubled). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
