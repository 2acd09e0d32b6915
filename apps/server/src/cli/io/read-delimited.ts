import type { Readable } from 'node:stream';
import { CliError } from '../errors.ts';
import { openDelimitedTable } from '../../services/jobs/input/delimited.ts';
import { JobInputError } from '../../services/jobs/input/errors.ts';
import type { ColumnSpec, InputRow } from '../../tools/rows.ts';

export interface DelimitedOptions {
  delimiter: ',' | '\t';
  columns: readonly ColumnSpec[];
  /** The file's name, for messages. */
  label: string;
  /**
   * Longest record the parser may buffer. Well above the text limit, so an over-long text still
   * becomes a per-row PAYLOAD_TOO_LARGE; it stops an unclosed quote from swallowing the whole file.
   */
  maxRecordChars: number;
}

/**
 * Rows of a CSV or TSV stream with a header row: the reader batch jobs use
 * (services/jobs/input/delimited.ts), with its fatal errors as CliErrors. The header is read before
 * this resolves, so a missing column is reported before any output is written. A row's id is its
 * `id` cell when the header has one and the cell is not blank, else its 1-based row number (header
 * and blank lines not counted); a row with the wrong number of cells is an error row.
 */
export async function openDelimitedRows(
  input: Readable,
  options: DelimitedOptions,
): Promise<AsyncGenerator<InputRow>> {
  const table = await asCliError(() => openDelimitedTable(input, options));
  async function* rows(): AsyncGenerator<InputRow> {
    try {
      for (;;) {
        const step = await asCliError(() => table.rows.next());
        if (step.done === true) return;
        const { rowNumber: _rowNumber, ...row } = step.value;
        yield row;
      }
    } finally {
      await table.rows.return(undefined); // stopped early: close the file
    }
  }
  return rows();
}

async function asCliError<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof JobInputError ? new CliError(error.message) : error;
  }
}
