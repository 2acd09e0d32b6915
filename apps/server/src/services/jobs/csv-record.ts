/** A field needs quotes when it holds the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One CSV record and its line break, quoted as csv-stringify quotes by default (RFC 4180: a field
 * holding a comma, a quote or a line break is quoted, its quotes doubled). A job's download has a
 * record per row, and csv-stringify's per-call set-up was most of the cost of writing one.
 */
export function csvRecord(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
  }
  return `${line}\n`;
}
