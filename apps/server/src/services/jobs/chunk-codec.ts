import type { RowError, RowFields, RowId } from '../../tools/rows.ts';

/**
 * How a chunk's rows and results are stored (job_chunks.input and .results): JSON arrays, one entry
 * per row, results in the same order as the inputs. JSON keeps them readable with any database tool
 * and is parsed faster by V8 than any hand-rolled format; the keys are short because there are
 * millions of them.
 */

/** An input row: its data-row number, id, every cell in header order, and the tool's fields (or why not). */
export type ChunkInputRow =
  { n: number; id: RowId; c: string[]; f: RowFields } | { n: number; id: RowId; c: string[]; e: RowError };

/** A row's outcome: the tool's result (as the HTTP API returns it) or the row's error. */
export type ChunkResultRow = { r: Record<string, unknown> } | { e: RowError };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeRows(rows: readonly (ChunkInputRow | ChunkResultRow)[]): Uint8Array {
  return encoder.encode(JSON.stringify(rows));
}

export function decodeInputRows(bytes: Uint8Array): ChunkInputRow[] {
  return JSON.parse(decoder.decode(bytes)) as ChunkInputRow[];
}

export function decodeResultRows(bytes: Uint8Array): ChunkResultRow[] {
  return JSON.parse(decoder.decode(bytes)) as ChunkResultRow[];
}
