/**
 * A first look at a job file in the browser, before it is uploaded: its columns and first rows,
 * read from its first bytes. It mirrors the server's reading (apps/server/src/services/jobs/input)
 * closely enough to offer the column names; the server has the last word on the whole file.
 */

export type FileKind = 'csv' | 'tsv' | 'jsonl' | 'xlsx';

export interface FilePreview {
  kind: FileKind;
  /** CSV and TSV: the delimiter, detected on the header line as the server does. */
  delimiter?: string;
  /** The column names (empty for XLSX: the server reads the workbook). */
  columns: string[];
  /** The first data rows, each cell as text, in column order. */
  rows: string[][];
}

/** How much of the file is read: enough for a header and a few rows, never the whole file. */
export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 5;

/** The extensions the file input offers (the server also sniffs the content). */
export const ACCEPTED_FILES = '.csv,.tsv,.tab,.jsonl,.ndjson,.xlsx,text/csv,text/tab-separated-values';

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  xlsx: 'xlsx',
};

const DELIMITERS = [',', ';', '\t', '|'] as const;

export const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'vertical bar',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return (newline < 0 ? text : text.slice(0, newline)).replace(/\r$/, '');
}

/** The candidate that occurs most often outside double quotes; `,` when none does. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Records of delimited text (RFC 4180 quoting: "" is a quote inside a quoted field), at most
 * `maxRecords`. When `complete` is false the text was cut, and its last, possibly partial, record
 * is dropped. Blank lines are skipped.
 */
export function parseDelimited(
  text: string,
  delimiter: string,
  maxRecords: number,
  complete: boolean,
): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < text.length && records.length < maxRecords) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRecord();
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += char;
    }
    i++;
  }
  if (complete && records.length < maxRecords && (field !== '' || record.length > 0)) endRecord();
  return records;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON Lines: the keys of the first object are the columns. Lines that are not objects are skipped. */
function previewJsonl(text: string, complete: boolean): Pick<FilePreview, 'columns' | 'rows'> {
  const lines = text.split('\n');
  if (!complete) lines.pop();
  let columns: string[] | undefined;
  const rows: string[][] = [];
  for (const line of lines) {
    if (rows.length >= PREVIEW_ROWS) break;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isRecord(parsed)) continue;
    columns ??= Object.keys(parsed);
    const object = parsed;
    rows.push(columns.map((key) => cellText(object[key])));
  }
  return { columns: columns ?? [], rows };
}

/** The kind of file, from its name, else from its first characters (as the server sniffs it). */
export function kindOf(name: string, head: string): FileKind {
  const named = BY_EXTENSION[extensionOf(name)];
  if (named !== undefined) return named;
  if (head.startsWith('PK')) return 'xlsx';
  const line = firstLine(head).trimStart();
  if (line.startsWith('{')) return 'jsonl';
  return detectDelimiter(line) === '\t' ? 'tsv' : 'csv';
}

/** Reads the first PREVIEW_BYTES of the file and previews it; XLSX is left to the server. */
export async function previewFile(file: File): Promise<FilePreview> {
  const complete = file.size <= PREVIEW_BYTES;
  let text = await file.slice(0, PREVIEW_BYTES).text();
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const kind = kindOf(file.name, text);
  if (kind === 'xlsx') return { kind, columns: [], rows: [] };
  if (kind === 'jsonl') return { kind, ...previewJsonl(text, complete) };
  const delimiter = kind === 'tsv' ? '\t' : detectDelimiter(firstLine(text));
  const [header = [], ...rows] = parseDelimited(text, delimiter, PREVIEW_ROWS + 1, complete);
  return { kind, delimiter, columns: header.map((name) => name.trim()), rows };
}
