/**
 * Which reader a job input needs, from its name and its first bytes. The bytes win where they are
 * unambiguous (a ZIP is read as XLSX whatever it is called, an .xls or a PDF is refused), the name
 * decides between the text formats, and the content decides when the name does not say.
 */
import { extname } from 'node:path';
import { JobInputError } from './errors.ts';

export const JOB_INPUT_FORMATS = ['csv', 'tsv', 'jsonl', 'xlsx'] as const;
export type JobInputFormat = (typeof JOB_INPUT_FORMATS)[number];

/** The CSV delimiters detected on the header line when the user does not give one. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** How many bytes of a file the sniffers look at; the header line must fit in them. */
export const HEAD_BYTES = 64 * 1024;

const BY_EXTENSION: Readonly<Record<string, JobInputFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.xlsx': 'xlsx',
};

const ACCEPTED = 'Upload CSV, TSV, JSON Lines (.jsonl) or an Excel workbook (.xlsx).';

/** Signatures of files that are not job inputs, for a message that says what the file is. */
const NOT_ACCEPTED: ReadonlyArray<readonly [prefix: string, what: string]> = [
  ['d0cf11e0a1b11ae1', 'a legacy Office file (.xls or .doc); save it as .xlsx or CSV UTF-8'],
  ['25504446', 'a PDF document'],
  ['1f8b', 'a gzip archive; unpack it first'],
  ['377abcaf271c', 'a 7-Zip archive; unpack it first'],
  ['526172211a07', 'a RAR archive; unpack it first'],
  ['4d5a', 'a Windows executable'],
  ['7f454c46', 'an ELF executable'],
  ['89504e47', 'a PNG image'],
  ['ffd8ff', 'a JPEG image'],
];

export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

/** A UTF-16 byte-order mark: Excel's "Unicode text" and some Windows tools write it. */
export function isUtf16(head: Buffer): boolean {
  return (
    head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  );
}

export function utf16Error(label: string): JobInputError {
  return new JobInputError(
    'UNSUPPORTED_FILE',
    'UTF16',
    `${label} is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)").`,
  );
}

/** The format a file name's extension names, if any. */
export function formatFromName(name: string | undefined): JobInputFormat | undefined {
  return name === undefined ? undefined : BY_EXTENSION[extname(name).toLowerCase()];
}

/** The first line of the head (BOM dropped), for delimiter detection and JSON sniffing. */
function firstLine(head: Buffer): string {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const newline = head.indexOf(0x0a, start);
  return head.toString('utf8', start, newline < 0 ? head.length : newline).replace(/\r$/, '');
}

/**
 * The delimiter of a CSV header line: the candidate that occurs most often outside double quotes;
 * on a tie the earlier of `,` `;` tab `|`, and `,` when none occurs (a one-column file).
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of CSV_DELIMITERS) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The delimiter of a CSV file from its first bytes. */
export function detectDelimiterOf(head: Buffer): CsvDelimiter {
  return detectDelimiter(firstLine(head));
}

export interface SniffedFormat {
  format: JobInputFormat;
  /** For CSV and TSV: the delimiter of the header line. */
  delimiter?: CsvDelimiter;
}

/**
 * Refuses bytes that cannot be the given format, with a message naming what they are. A ZIP is only
 * accepted as XLSX here; whether it holds a workbook is checked when its directory is read.
 */
export function checkFormat(head: Buffer, format: JobInputFormat, label: string): void {
  if (isUtf16(head)) throw utf16Error(label);
  const hex = head.subarray(0, 8).toString('hex');
  const known = NOT_ACCEPTED.find(([prefix]) => hex.startsWith(prefix));
  if (known) {
    throw new JobInputError('UNSUPPORTED_FILE', 'BINARY_FILE', `${label} is ${known[1]}. ${ACCEPTED}`);
  }
  if (format === 'xlsx' && !isZip(head)) {
    throw new JobInputError(
      'UNSUPPORTED_FILE',
      'WRONG_FORMAT',
      head.length === 0
        ? `${label} is empty.`
        : `${label} is not an Excel workbook (.xlsx files are ZIP archives). ${ACCEPTED}`,
    );
  }
  if (format !== 'xlsx' && isZip(head)) {
    throw new JobInputError(
      'UNSUPPORTED_FILE',
      'WRONG_FORMAT',
      `${label} is a ZIP archive (an Excel workbook?), not ${format.toUpperCase()}; upload it as XLSX.`,
    );
  }
}

/**
 * The format of a file from its name and first bytes (`head`, up to HEAD_BYTES). Throws
 * UNSUPPORTED_FILE for a file no reader takes (UTF-16, .xls, PDF, images, archives).
 */
export function sniffFormat(head: Buffer, filename?: string): SniffedFormat {
  const label = filename ?? 'the file';
  if (isZip(head)) {
    checkFormat(head, 'xlsx', label);
    return { format: 'xlsx' };
  }
  const named = formatFromName(filename);
  let format: JobInputFormat;
  if (named !== undefined && named !== 'xlsx') {
    format = named;
  } else if (named === 'xlsx') {
    format = 'xlsx'; // checkFormat says it is not a ZIP
  } else {
    const line = firstLine(head).trimStart();
    if (line.startsWith('{')) format = 'jsonl';
    else format = detectDelimiter(line) === '\t' ? 'tsv' : 'csv';
  }
  checkFormat(head, format, label);
  if (format === 'tsv') return { format, delimiter: '\t' };
  if (format === 'csv') return { format, delimiter: detectDelimiterOf(head) };
  return { format };
}
