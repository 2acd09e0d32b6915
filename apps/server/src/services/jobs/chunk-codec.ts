import type { RowError, RowFields, RowId } from '../../tools/rows.ts';

/**
 * How a chunk's rows and results are stored (job_chunks.input and .results): JSON, one entry per
 * row, results in the same order as the inputs. JSON keeps them readable with any database tool
 * and is parsed faster by V8 than any hand-rolled format; the keys are short because there are
 * millions of them.
 */

/** An input row: its data-row number, id, every cell in header order, and the tool's fields (or why not). */
export type ChunkInputRow =
  { n: number; id: RowId; c: string[]; f: RowFields } | { n: number; id: RowId; c: string[]; e: RowError };

/** A row's outcome: the tool's result (as the HTTP API returns it) or the row's error. */
export type ChunkResultRow = { r: Record<string, unknown> } | { e: RowError };

/** A tool field and the index of the cell it is, in a CSV, TSV or XLSX row. */
export interface FieldCell {
  field: string;
  index: number;
}

/** An input row as stored: one whose fields are cells leaves them out (see encodeInputChunk). */
export type StoredInputRow = ChunkInputRow | { n: number; id: RowId; c: string[] };

/**
 * A chunk's input as stored: an array of rows (every row with its fields), or, when the rows'
 * fields are cells, `{fields: [[field, cell index], …], rows}` with the fields left out of the rows:
 * a CSV row's text would otherwise be stored, read, copied to a thread and parsed twice.
 */
type StoredInput = ChunkInputRow[] | { fields: [string, number][]; rows: StoredInputRow[] };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeRows(rows: readonly (ChunkInputRow | ChunkResultRow)[]): Uint8Array {
  return encoder.encode(JSON.stringify(rows));
}

/**
 * A chunk's input rows; `fieldCells`, when given, says where each field is among the cells, and
 * rows without `f` or `e` get their fields from there when decoded.
 */
export function encodeInputChunk(
  rows: readonly StoredInputRow[],
  fieldCells: readonly FieldCell[] | undefined,
): Uint8Array {
  if (fieldCells === undefined) return encodeRows(rows.map(withFields));
  const stored: StoredInput = {
    fields: fieldCells.map(({ field, index }) => [field, index]),
    rows: [...rows],
  };
  return encoder.encode(JSON.stringify(stored));
}

export function decodeInputRows(bytes: Uint8Array): ChunkInputRow[] {
  const stored = JSON.parse(decoder.decode(bytes)) as StoredInput;
  if (Array.isArray(stored)) return stored;
  const fields = stored.fields.map(([field, index]) => ({ field, index }));
  for (const row of stored.rows) {
    // In place: the rows are this call's own, and a copy of each would cost more than the parse.
    if (!('f' in row || 'e' in row)) (row as { f?: RowFields }).f = fieldsFrom(row.c, fields);
  }
  return stored.rows as ChunkInputRow[];
}

export function decodeResultRows(bytes: Uint8Array): ChunkResultRow[] {
  return JSON.parse(decoder.decode(bytes)) as ChunkResultRow[];
}

function fieldsFrom(cells: readonly string[], fieldCells: readonly FieldCell[]): RowFields {
  const fields: Record<string, string> = {};
  for (const { field, index } of fieldCells) fields[field] = cells[index] ?? '';
  return fields;
}

function withFields(row: StoredInputRow): ChunkInputRow {
  if ('f' in row || 'e' in row) return row;
  throw new Error(`row ${row.n} has no fields and the chunk says no cells to take them from`);
}
