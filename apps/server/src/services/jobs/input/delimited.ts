import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ColumnSpec } from '../../../tools/rows.ts';
import { JobInputError, errorMessage } from './errors.ts';
import {
  fieldsOf,
  resolveColumns,
  rowId,
  type JobInputRow,
  type ResolvedColumn,
  type TablePass,
} from './table.ts';

export interface DelimitedOptions {
  /** Any one-character delimiter; jobs use `,` `;` tab or `|`. */
  delimiter: string;
  columns: readonly ColumnSpec[];
  /** The file's name, for messages. */
  label: string;
  /**
   * Longest record the parser may buffer. Well above the text limit, so an over-long text still
   * becomes a per-row PAYLOAD_TOO_LARGE; it stops an unclosed quote from swallowing the whole file.
   */
  maxRecordChars: number;
  /** Give each row its cells (for a preview). */
  withCells?: boolean;
}

/**
 * Rows of a CSV or TSV stream with a header row, read as the stream goes (csv-parse holds one record
 * at a time). The header is read before this resolves, so a missing column is reported before any
 * row. A row's id is its `id` cell when the header has one and the cell is not blank, else its
 * 1-based row number (header and blank lines not counted). A row with more or fewer cells than the
 * header is an error row, and reading goes on; a broken quote ends the reading (the parser cannot
 * find the next record). Shared by `textai analyze` and batch jobs; fatal errors are JobInputErrors.
 */
export async function openDelimitedTable(input: Readable, options: DelimitedOptions): Promise<TablePass> {
  const parser = parse({
    delimiter: options.delimiter,
    bom: true, // spreadsheet exports often start with a UTF-8 byte-order mark
    relax_quotes: true, // a stray quote inside an unquoted cell (`He said "hi"`) is kept as text
    relax_column_count: true, // a short or long row becomes a row error, not a fatal one
    skip_empty_lines: true,
    max_record_size: options.maxRecordChars,
  });
  // pipeline, unlike pipe, passes a read error on to the parser, so iteration fails instead of hanging.
  pipeline(input, parser, () => {});
  const records: AsyncIterator<unknown> = parser[Symbol.asyncIterator]();
  const stop = (): void => {
    input.destroy();
    parser.destroy();
  };

  let first: string[] | undefined;
  try {
    first = await nextRecord(records, options.label);
  } catch (error) {
    stop();
    throw error;
  }
  if (first === undefined) {
    throw new JobInputError(
      'VALIDATION_ERROR',
      'EMPTY_FILE',
      `${options.label} is empty: expected a header row`,
    );
  }
  const header = first.map((name) => name.trim());
  let resolved: ResolvedColumn[];
  try {
    resolved = resolveColumns(header, options.columns, options.label);
  } catch (error) {
    stop();
    throw error;
  }
  const idIndex = header.indexOf('id');

  async function* rows(): AsyncGenerator<JobInputRow> {
    let rowNumber = 0;
    try {
      for (;;) {
        const record = await nextRecord(records, options.label);
        if (record === undefined) return;
        rowNumber += 1;
        const id = rowId(record, idIndex, rowNumber);
        const cells = options.withCells === true ? { cells: record } : {};
        if (record.length !== header.length) {
          yield {
            rowNumber,
            id,
            ...cells,
            error: {
              code: 'VALIDATION_ERROR',
              message: `row ${rowNumber} has ${record.length} fields but the header has ${header.length}`,
            },
          };
          continue;
        }
        yield { rowNumber, id, fields: fieldsOf(record, resolved), ...cells };
      }
    } finally {
      stop();
    }
  }
  return {
    header,
    rows: rows(),
    fieldColumns: resolved,
    close: async () => stop(),
  };
}

async function nextRecord(records: AsyncIterator<unknown>, label: string): Promise<string[] | undefined> {
  let step: IteratorResult<unknown>;
  try {
    step = await records.next();
  } catch (error) {
    if (error instanceof JobInputError) throw error; // from the stream before the parser (encoding)
    // The parser cannot resynchronise after a broken quote, so the rest of the file is lost.
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new JobInputError(
        'PAYLOAD_TOO_LARGE',
        'RECORD_TOO_LONG',
        `cannot read ${label}: ${errorMessage(error)}`,
      );
    }
    const problem = typeof code === 'string' && code.startsWith('CSV_') ? 'MALFORMED' : 'READ_FAILED';
    throw new JobInputError('EXTRACTION_FAILED', problem, `cannot read ${label}: ${errorMessage(error)}`);
  }
  if (step.done === true) return undefined;
  const record = step.value;
  if (!Array.isArray(record)) throw new Error('csv-parse yielded a non-array record');
  return record.map((cell) => String(cell));
}
