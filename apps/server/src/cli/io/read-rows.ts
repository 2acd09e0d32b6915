import { open, stat } from 'node:fs/promises';
import type { ReadStream } from 'node:fs';
import { CliError } from '../errors.ts';
import type { ColumnSpec, InputRow } from '../../tools/rows.ts';
import type { InputFormat } from './formats.ts';
import { openDelimitedRows } from './read-delimited.ts';
import { readJsonlRows } from './read-jsonl.ts';

export interface RowSource {
  rows: AsyncIterable<InputRow>;
  /** Bytes read from the file so far; with totalBytes, what the progress bar's ETA rests on. */
  bytesRead(): number;
  /** The file's size when it is a regular file; undefined for a pipe or a device. */
  totalBytes: number | undefined;
}

export interface RowSourceOptions {
  format: InputFormat;
  /** Column mapping for CSV/TSV; JSON Lines objects carry the field names themselves. */
  columns: readonly ColumnSpec[];
  maxRecordChars: number;
}

/** Opens an input file as a stream of rows, turning file-system failures into fatal CLI errors. */
export async function openRowSource(path: string, options: RowSourceOptions): Promise<RowSource> {
  let totalBytes: number | undefined;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`input ${path} is a directory, not a file`);
    totalBytes = info.isFile() && info.size > 0 ? info.size : undefined;
  } catch (error) {
    throw asInputError(error, path);
  }

  let stream: ReadStream;
  try {
    stream = (await open(path, 'r')).createReadStream();
  } catch (error) {
    throw asInputError(error, path);
  }

  const rows =
    options.format === 'jsonl'
      ? guardJsonl(readJsonlRows(stream), path)
      : await openDelimitedRows(stream, {
          delimiter: options.format === 'tsv' ? '\t' : ',',
          columns: options.columns,
          label: path,
          maxRecordChars: options.maxRecordChars,
        });
  return { rows, bytesRead: () => stream.bytesRead, totalBytes };
}

function asInputError(error: unknown, path: string): Error {
  if (error instanceof CliError) return error;
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
    return new CliError(`input file not found: ${path}`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError(`cannot read ${path}: ${reason}`);
}

/** A read error in the middle of a JSONL file (EIO, a vanished network share) ends the run. */
async function* guardJsonl(rows: AsyncGenerator<InputRow>, path: string): AsyncGenerator<InputRow> {
  try {
    yield* rows;
  } catch (error) {
    throw asInputError(error, path);
  }
}
