import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CliError } from '../errors.ts';
import type { ColumnSpec, InputRow, RowFields } from '../../tools/rows.ts';

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

interface ResolvedColumn {
  field: string;
  index: number;
}

/**
 * Rows of a CSV or TSV stream with a header row. The header is read before this resolves, so a
 * missing column is reported before any output is written. A row's id is its `id` cell when the
 * header has one and the cell is not blank, else its 1-based row number (header and blank lines
 * not counted).
 */
export async function openDelimitedRows(
  input: Readable,
  options: DelimitedOptions,
): Promise<AsyncGenerator<InputRow>> {
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

  const first = await nextRecord(records, options.label);
  if (first === undefined) throw new CliError(`${options.label} is empty: expected a header row`);
  const header = first.map((name) => name.trim());
  const resolved = resolveColumns(header, options.columns, options.label);
  const idIndex = header.indexOf('id');

  async function* rows(): AsyncGenerator<InputRow> {
    let rowNumber = 0;
    for (;;) {
      const record = await nextRecord(records, options.label);
      if (record === undefined) return;
      rowNumber += 1;
      const idCell = idIndex >= 0 ? record[idIndex]?.trim() : undefined;
      const id = idCell === undefined || idCell === '' ? rowNumber : idCell;
      if (record.length !== header.length) {
        yield {
          id,
          error: {
            code: 'VALIDATION_ERROR',
            message: `row ${rowNumber} has ${record.length} fields but the header has ${header.length}`,
          },
        };
        continue;
      }
      const fields: Record<string, string> = {};
      for (const { field, index } of resolved) fields[field] = record[index] ?? '';
      yield { id, fields: fields satisfies RowFields };
    }
  }
  return rows();
}

function resolveColumns(
  header: readonly string[],
  specs: readonly ColumnSpec[],
  label: string,
): ResolvedColumn[] {
  const resolved: ResolvedColumn[] = [];
  for (const spec of specs) {
    const index = header.indexOf(spec.column);
    if (index >= 0) {
      resolved.push({ field: spec.field, index });
    } else if (spec.required) {
      const available = header.map((name) => JSON.stringify(name)).join(', ');
      throw new CliError(`column "${spec.column}" not found in ${label}; available columns: ${available}`);
    }
  }
  return resolved;
}

async function nextRecord(records: AsyncIterator<unknown>, label: string): Promise<string[] | undefined> {
  let step: IteratorResult<unknown>;
  try {
    step = await records.next();
  } catch (error) {
    // The parser cannot resynchronise after a broken quote, so the rest of the file is lost.
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${label}: ${reason}`);
  }
  if (step.done === true) return undefined;
  const record = step.value;
  if (!Array.isArray(record)) throw new Error('csv-parse yielded a non-array record');
  return record.map((cell) => String(cell));
}
