/**
 * A spreadsheet program runs a cell that starts with one of these as a formula (or, for tab and
 * CR, may drop the character and read on), so such a cell is written after a single quote: the
 * OWASP advice against CSV injection. The quote shows, but nothing runs.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: guarded, and quoted with its quotes doubled (RFC 4180) so commas and breaks stay in. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${guarded.replace(/"/g, '""')}"`;
}

/**
 * A CSV file for spreadsheets: a UTF-8 byte-order mark (without it Excel reads UTF-8 as the
 * local code page and garbles accented names), every cell quoted, CRLF after every record.
 */
export function csvFile(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  return `\uFEFF${[header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')}`;
}
