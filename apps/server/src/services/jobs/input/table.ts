import type { ColumnSpec, RowError, RowFields, RowId } from '../../../tools/rows.ts';
import { JobInputError } from './errors.ts';

/**
 * One row of a job input: InputRow (what the tool adapters take) plus its place in the file.
 * `rowNumber` counts data rows from 1 (the header, blank lines and blank rows not counted); it is
 * also the `id` when the file has no `id` column (JSON Lines: the line number, as in the CLI).
 * `cells` (every column's text, in header order) is there only in a preview.
 */
export type JobInputRow =
  | { rowNumber: number; id: RowId; fields: RowFields; cells?: string[] }
  | { rowNumber: number; id: RowId; error: RowError; cells?: string[] };

/** One reading of the file: its header, then its rows (a fresh stream each time). */
export interface TablePass {
  header: string[];
  rows: AsyncGenerator<JobInputRow>;
  /** XLSX: the name of the sheet read. */
  sheet?: string;
  /**
   * CSV, TSV and XLSX: where each tool field is among the cells; every row's fields are
   * `fieldsOf(cells, fieldColumns)`. Absent for JSON Lines, whose fields are each line's object.
   */
  fieldColumns?: readonly ResolvedColumn[];
  /** Closes the file without reading on (also right after opening, when `rows` never started). */
  close(): Promise<void>;
}

export interface ResolvedColumn {
  field: string;
  column: string;
  index: number;
}

/**
 * Where each tool field is in the header. A missing required column is one fatal error listing the
 * columns there are (it would fail every row); a missing optional one is left out. A column the
 * tool reads that the header names twice is refused too: which one was meant is anyone's guess.
 */
export function resolveColumns(
  header: readonly string[],
  specs: readonly ColumnSpec[],
  label: string,
): ResolvedColumn[] {
  const resolved: ResolvedColumn[] = [];
  for (const spec of specs) {
    const index = header.indexOf(spec.column);
    const repeated = header.indexOf(spec.column, index + 1);
    if (index >= 0 && repeated >= 0) {
      throw new JobInputError(
        'VALIDATION_ERROR',
        'DUPLICATE_COLUMN',
        `column "${spec.column}" appears more than once in ${label} (columns ${index + 1} and ` +
          `${repeated + 1}); rename one of them`,
        { column: spec.column, positions: [index + 1, repeated + 1] },
      );
    }
    if (index >= 0) {
      resolved.push({ field: spec.field, column: spec.column, index });
    } else if (spec.required) {
      const available = header.map((name) => JSON.stringify(name)).join(', ');
      throw new JobInputError(
        'VALIDATION_ERROR',
        'MISSING_COLUMN',
        `column "${spec.column}" not found in ${label}; available columns: ${available}`,
        { column: spec.column, available: [...header] },
      );
    }
  }
  return resolved;
}

/** A row's id: its `id` cell when the header has one and the cell is not blank, else its number. */
export function rowId(cells: readonly string[], idIndex: number, rowNumber: number): RowId {
  const cell = idIndex >= 0 ? cells[idIndex]?.trim() : undefined;
  return cell === undefined || cell === '' ? rowNumber : cell;
}

export function fieldsOf(
  cells: readonly string[],
  columns: readonly Pick<ResolvedColumn, 'field' | 'index'>[],
): RowFields {
  const fields: Record<string, string> = {};
  for (const { field, index } of columns) fields[field] = cells[index] ?? '';
  return fields;
}

export function rowLimitError(label: string, maxRows: number): JobInputError {
  return new JobInputError(
    'PAYLOAD_TOO_LARGE',
    'ROW_LIMIT',
    `${label} has more than ${maxRows} rows, the most one job may have; split it into smaller files.`,
    { limit: maxRows },
  );
}
