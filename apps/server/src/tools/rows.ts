/** Shapes that flow from the input readers through the tool adapters to the result writers. */

/** A row's `id`: the input's own `id` (JSONL value or CSV cell), else its 1-based row number. */
export type RowId = string | number;

/** A row's input fields under the tool's field names (`text`, `title`, …), whatever the source. */
export type RowFields = Readonly<Record<string, unknown>>;

export interface RowError {
  code: string;
  message: string;
}

/** What a reader yields: a row to analyse, or a row it already knows cannot be (bad JSON, …). */
export type InputRow = { id: RowId; fields: RowFields } | { id: RowId; error: RowError };

/**
 * Where a tool field comes from in a CSV/TSV file. A missing required column stops the run (it
 * would fail every row); a missing optional one is simply absent from every row.
 */
export interface ColumnSpec {
  field: string;
  column: string;
  required: boolean;
}

/** A row the CLI rejects before calling the model; the run records it and goes on. */
export class RowInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowInputError';
  }
}
