import { safeCell } from '../csv-safety.ts';

/** Appends a result's cells, one per result column, to a CSV record's fields. */
export type ResultCellReader = (result: Readonly<Record<string, unknown>>, cells: string[]) => void;

/**
 * Reads a result's CSV cells by column name (`scores.positive` is `result.scores.positive`), the
 * cells flatten() in cli/io/write-results.ts would give: a list as its JSON, text made safe for
 * spreadsheets, a number or flag as text, a missing value, null or object as an empty cell. Each
 * path is split once for the whole download instead of flattening every row into a new object.
 */
export function resultCellReader(columns: readonly string[]): ResultCellReader {
  const paths = columns.map((column) => column.split('.'));
  return (result, cells) => {
    for (const path of paths) cells.push(cellOf(valueAt(result, path)));
  };
}

function valueAt(result: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = result;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return safeCell(value);
  if (Array.isArray(value)) return safeCell(JSON.stringify(value));
  if (typeof value === 'object') return '';
  return String(value);
}
