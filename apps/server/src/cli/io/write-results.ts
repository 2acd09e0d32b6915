import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { OutputFormat } from './formats.ts';

/** One output record: `{id?, ...result, processing_time_ms}` or `{id?, error: {code, message}}`. */
export type OutputRecord = Readonly<Record<string, unknown>>;

export interface ResultWriter {
  write(record: OutputRecord): Promise<void>;
  /** Writes what is still owed (a CSV header when there were no rows); does not end the stream. */
  close(): Promise<void>;
}

export type FlatValue = string | number | boolean | null;

/**
 * Nested objects become `a.b` keys; arrays (explanation, warnings, signals, …) stay whole as one
 * JSON-encoded value, since a variable number of columns would make the header depend on the data.
 */
export function flatten(
  value: object,
  prefix = '',
  out: Record<string, FlatValue> = {},
): Record<string, FlatValue> {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (item === undefined) continue;
    if (Array.isArray(item)) out[name] = JSON.stringify(item);
    else if (item === null) out[name] = null;
    else if (typeof item === 'object') flatten(item, name, out);
    else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      out[name] = item;
    } else out[name] = String(item);
  }
  return out;
}

function cell(value: FlatValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Waits for the stream to drain when its buffer is full, so a slow consumer bounds our memory. */
export async function writeChunk(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * A writer for one output format. `columns` is the fixed table header (CSV/TSV only): keys a
 * record has beyond it are reported once on `warn` and left out rather than shifting columns.
 */
export function createResultWriter(
  stream: Writable,
  format: OutputFormat,
  columns: readonly string[],
  warn: (message: string) => void = () => {},
): ResultWriter {
  if (format === 'jsonl') {
    return {
      write: (record) => writeChunk(stream, `${JSON.stringify(record)}\n`),
      close: async () => {},
    };
  }

  const delimiter = format === 'tsv' ? '\t' : ',';
  const line = (cells: readonly string[]): string => stringify([cells], { delimiter });
  const known = new Set(columns);
  const reported = new Set<string>();
  let headerWritten = false;

  async function writeHeader(): Promise<void> {
    if (headerWritten) return;
    headerWritten = true;
    await writeChunk(stream, line(columns));
  }

  return {
    async write(record) {
      await writeHeader();
      const flat = flatten(record);
      for (const key of Object.keys(flat)) {
        if (!known.has(key) && !reported.has(key)) {
          reported.add(key);
          warn(`result field "${key}" has no column in the ${format.toUpperCase()} output; left out`);
        }
      }
      await writeChunk(stream, line(columns.map((column) => cell(flat[column]))));
    },
    close: writeHeader,
  };
}
