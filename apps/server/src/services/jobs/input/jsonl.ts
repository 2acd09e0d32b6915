import type { Readable } from 'node:stream';
import type { ColumnSpec, InputRow, RowFields } from '../../../tools/rows.ts';
import { JobInputError, errorMessage } from './errors.ts';
import type { JobInputRow, TablePass } from './table.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line to a row: the object's fields and its `id` (else the line number), or an error row. */
export function parseJsonlLine(line: string, lineNumber: number): InputRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      id: lineNumber,
      error: {
        code: 'INVALID_JSON',
        message: `line ${lineNumber} is not valid JSON: ${errorMessage(error)}`,
      },
    };
  }
  if (!isObject(value)) {
    return {
      id: lineNumber,
      error: { code: 'VALIDATION_ERROR', message: `line ${lineNumber} is not a JSON object` },
    };
  }
  const id = value['id'];
  if (id === undefined || id === null) return { id: lineNumber, fields: value };
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) {
    return { id, fields: value };
  }
  return {
    id: lineNumber,
    error: {
      code: 'VALIDATION_ERROR',
      message: `line ${lineNumber}: "id" must be a string or a number`,
    },
  };
}

interface Line {
  number: number;
  /** Undefined for a line over the length limit (its bytes were dropped as they came). */
  text: string | undefined;
}

/**
 * The lines of a UTF-8 stream, holding one line at a time: a line longer than `maxBytes` is skipped
 * as it arrives (and reported), so one huge line cannot exhaust memory. CRLF and a final line
 * without a newline are handled.
 */
async function* lines(input: Readable, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let number = 0;
  const finish = (): Line => {
    number += 1;
    const text = tooLong ? undefined : Buffer.concat(parts, length).toString('utf8').replace(/\r$/, '');
    parts = [];
    length = 0;
    tooLong = false;
    return { number, text };
  };
  const add = (piece: Buffer): void => {
    if (tooLong || piece.length === 0) return;
    if (length + piece.length > maxBytes) {
      tooLong = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  for await (const chunk of input) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    let start = 0;
    let newline = bytes.indexOf(0x0a);
    while (newline >= 0) {
      add(bytes.subarray(start, newline));
      yield finish();
      start = newline + 1;
      newline = bytes.indexOf(0x0a, start);
    }
    // Copied: the stream may reuse its chunk's memory.
    add(Buffer.from(bytes.subarray(start)));
  }
  if (length > 0 || tooLong) yield finish();
}

export interface JsonlOptions {
  /**
   * Tool fields by JSON key. A line's fields are its whole object (tools read optional per-line
   * settings from it); a spec whose column differs from its field copies that key to the field.
   */
  columns: readonly ColumnSpec[];
  label: string;
  /** Longest line, in bytes. */
  maxLineBytes: number;
  /** Give each row its cells, the values of the header's keys as text (for a preview). */
  withCells?: boolean;
}

/** Lines before the first object that are looked at for a header before giving up on one. */
const HEADER_SCAN_LINES = 100;

/**
 * Rows of a JSON Lines stream. JSON Lines has no header: the keys of the first object stand in for
 * it (for the preview and for a missing-column error that lists them). A bad line is an error row;
 * a row's number counts non-blank lines and its id is its `id` key, else its line number.
 */
export async function openJsonlTable(input: Readable, options: JsonlOptions): Promise<TablePass> {
  const source = lines(input, options.maxLineBytes);
  let rowNumber = 0;
  let header: string[] | undefined;
  const toRow = (line: Line): JobInputRow => {
    rowNumber += 1;
    if (line.text === undefined) {
      return {
        rowNumber,
        id: line.number,
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `line ${line.number} is longer than ${options.maxLineBytes} bytes`,
        },
      };
    }
    const row = parseJsonlLine(line.text, line.number);
    if ('error' in row) return { rowNumber, ...row };
    const cells =
      options.withCells === true ? { cells: (header ?? []).map((key) => cellOf(row.fields[key])) } : {};
    return { rowNumber, id: row.id, ...mapColumns(row.fields, options.columns, line.number), ...cells };
  };

  const early: JobInputRow[] = [];
  let sawLine = false;
  try {
    for (let scanned = 0; header === undefined && scanned < HEADER_SCAN_LINES;) {
      const step = await source.next();
      if (step.done === true) break;
      const line = step.value;
      if (line.text !== undefined && line.text.trim() === '') continue;
      sawLine = true;
      scanned += 1;
      if (line.text !== undefined) {
        const parsed = parseJsonlLine(line.text, line.number);
        if ('fields' in parsed) {
          header = Object.keys(parsed.fields);
          checkColumns(header, options.columns, options.label);
        }
      }
      early.push(toRow(line));
    }
  } catch (error) {
    await source.return(undefined);
    input.destroy();
    throw error;
  }
  if (!sawLine) {
    input.destroy();
    throw new JobInputError(
      'VALIDATION_ERROR',
      'EMPTY_FILE',
      `${options.label} is empty: expected JSON objects, one a line`,
    );
  }
  if (header === undefined) {
    // Every row would fail: this is not JSON Lines of objects (or its objects start too late).
    await source.return(undefined);
    input.destroy();
    throw new JobInputError(
      'VALIDATION_ERROR',
      'NO_OBJECT',
      `${options.label} has no JSON object in its first ${early.length} lines: expected JSON ` +
        `objects, one a line (the first line says: ${firstProblem(early)})`,
    );
  }

  async function* rows(): AsyncGenerator<JobInputRow> {
    try {
      yield* early;
      for await (const line of source) {
        if (line.text !== undefined && line.text.trim() === '') continue;
        yield toRow(line);
      }
    } finally {
      input.destroy();
    }
  }
  return {
    header: header ?? [],
    rows: rows(),
    close: async () => {
      input.destroy();
    },
  };
}

function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function checkColumns(keys: readonly string[], specs: readonly ColumnSpec[], label: string): void {
  for (const spec of specs) {
    if (spec.required && !keys.includes(spec.column)) {
      const available = keys.map((key) => JSON.stringify(key)).join(', ');
      throw new JobInputError(
        'VALIDATION_ERROR',
        'MISSING_COLUMN',
        `key "${spec.column}" not found in the first object of ${label}; its keys: ${available}`,
        { column: spec.column, available: [...keys] },
      );
    }
  }
}

function mapColumns(
  object: RowFields,
  specs: readonly ColumnSpec[],
  lineNumber: number,
): { fields: RowFields } | { error: { code: string; message: string } } {
  let fields: Record<string, unknown> | undefined;
  for (const spec of specs) {
    const value = object[spec.column];
    if (value === undefined) {
      if (spec.required) {
        return {
          error: { code: 'VALIDATION_ERROR', message: `line ${lineNumber} has no "${spec.column}" key` },
        };
      }
      continue;
    }
    if (spec.column !== spec.field) {
      fields ??= { ...object };
      fields[spec.field] = value;
    }
  }
  return { fields: fields ?? object };
}

/** The first row's error message, to show why a file read as no objects at all. */
function firstProblem(rows: readonly JobInputRow[]): string {
  const first = rows[0];
  return first !== undefined && 'error' in first ? first.error.message : 'no object';
}
