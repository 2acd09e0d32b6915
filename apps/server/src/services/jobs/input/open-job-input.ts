import type { Readable } from 'node:stream';
import type { ColumnSpec } from '../../../tools/rows.ts';
import { openDelimitedTable } from './delimited.ts';
import {
  HEAD_BYTES,
  checkFormat,
  detectDelimiterOf,
  sniffFormat,
  type CsvDelimiter,
  type JobInputFormat,
} from './format.ts';
import { openJsonlTable } from './jsonl.ts';
import { once, peek } from './streams.ts';
import { rowLimitError, type JobInputRow, type ResolvedColumn, type TablePass } from './table.ts';
import { Utf8Guard } from './utf8-guard.ts';
import { openXlsxTable } from './xlsx.ts';
import { inspectZip, type ZipLayout } from './zip-guard.ts';

/**
 * Where the file comes from: a function that opens it afresh (the stored upload: a temp file, or the
 * database blob), or a stream for one reading only. Counting the rows, previewing and reading them
 * each read the file from the start, so they need the function; with a stream only one of them
 * can be used, and XLSX (whose directory is at the end) needs the function.
 */
export type JobInputSource = Readable | (() => Readable);

export interface JobInputOptions {
  /** The file's format; when not given, sniffed from `filename` and the first bytes. */
  format?: JobInputFormat;
  /** The uploaded file's name: for sniffing, and to name the file in messages. */
  filename?: string;
  /** Which columns feed which tool fields: the tool adapter's `columns(settings)`. */
  columns: readonly ColumnSpec[];
  /** The most data rows the job may have; more is a PAYLOAD_TOO_LARGE error. */
  maxRows: number;
  /** CSV only: the delimiter, when the user gave one; detected on the header line otherwise. */
  delimiter?: CsvDelimiter;
  /** XLSX only: the most bytes the archive may unpack to (declared and actual). Default 256 MiB. */
  maxUnzippedBytes?: number;
  /** XLSX only: the sheet to read; the first visible sheet by default. */
  sheet?: string;
  /** Longest record: characters of a CSV/TSV record, bytes of a JSONL line. Default 4 MiB. */
  maxRecordChars?: number;
}

export interface JobInputPreview {
  header: string[];
  /** The first rows, each with `cells`: every column's text in header order (empty for a stream source). */
  rows: (JobInputRow & { cells: string[] })[];
}

export interface JobInput extends AsyncIterable<JobInputRow> {
  format: JobInputFormat;
  /** CSV and TSV: the delimiter in use. */
  delimiter?: CsvDelimiter;
  /** XLSX: the sheet read. */
  sheet?: string;
  /**
   * The file's columns, in order: a CSV/TSV/XLSX header row, or the keys of the first JSON Lines
   * object. Every required column was found in it (else openJobInput failed).
   */
  header: string[];
  /** CSV, TSV and XLSX: where each tool field is among a row's cells (see TablePass). */
  fieldColumns?: readonly ResolvedColumn[];
  /**
   * Reads the whole file once and returns its number of data rows (error rows included). Fails
   * with PAYLOAD_TOO_LARGE (problem ROW_LIMIT) as soon as there are more than `maxRows`, and with
   * any fatal problem further down the file (bad encoding, a broken quote, a zip bomb). An upload
   * needs no pass of its own for this: JobService.start counts the rows as it stores them.
   */
  countRows(): Promise<number>;
  /**
   * The rows, read as the consumer asks for them: a bad row is a row with `error` and the rest go
   * on; a fatal problem throws a JobInputError. Throws the row-limit error instead of yielding row
   * `maxRows + 1`. Stopping early (break) closes the file. `withCells`: each row also carries every
   * column's text in header order (what a job's results start with).
   */
  rows(options?: { withCells?: boolean }): AsyncGenerator<JobInputRow>;
  /** The header and the first `n` rows, for the UI. */
  preview(n: number): Promise<JobInputPreview>;
}

const DEFAULT_MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;

/**
 * Opens an uploaded job file: settles its format, reads its header and checks the columns, so a
 * wrong file or column is refused at once. Nothing is ever read whole into memory: the text
 * formats are parsed as they stream, and XLSX is streamed through its zip-bomb checks to exceljs.
 *
 * Typical use (the caller keeps the upload and can open it again):
 *
 *   const input = await openJobInput(() => createReadStream(path), { filename, columns, maxRows });
 *   for await (const row of input.rows({ withCells: true })) ... // counted and stored as read
 *
 * Throws JobInputError (an AppError: UNSUPPORTED_FILE, PAYLOAD_TOO_LARGE, EXTRACTION_FAILED or
 * VALIDATION_ERROR, with a `problem` that tells the cases apart).
 */
export async function openJobInput(source: JobInputSource, options: JobInputOptions): Promise<JobInput> {
  const reopenable = typeof source === 'function';
  const open = reopenable ? source : once(source);
  const label = options.filename ?? 'the file';
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;

  const first = await peek(open(), HEAD_BYTES);
  let format: JobInputFormat;
  let delimiter: CsvDelimiter | undefined;
  try {
    if (options.format === undefined) {
      ({ format, delimiter } = sniffFormat(first.head, options.filename));
      if (format === 'csv' && options.delimiter !== undefined) delimiter = options.delimiter;
    } else {
      format = options.format;
      checkFormat(first.head, format, label);
      if (format === 'tsv') delimiter = '\t';
      if (format === 'csv') delimiter = options.delimiter ?? detectDelimiterOf(first.head);
    }
  } catch (error) {
    first.stream.destroy();
    throw error;
  }

  let layout: ZipLayout | undefined;
  if (format === 'xlsx') {
    if (!reopenable) {
      first.stream.destroy();
      throw new TypeError('an XLSX job input must be given as a function that opens the file');
    }
    layout = await inspectZip(first.stream, label, options.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES);
  }

  const pass = (stream: Readable, withCells = false): Promise<TablePass> => {
    if (layout !== undefined) {
      return openXlsxTable(stream, layout, {
        columns: options.columns,
        label,
        sheet: options.sheet,
        withCells,
      });
    }
    const text = stream.pipe(new Utf8Guard(label));
    stream.on('error', (error) => text.destroy(error));
    text.on('close', () => stream.destroy());
    if (format === 'jsonl') {
      return openJsonlTable(text, {
        columns: options.columns,
        label,
        maxLineBytes: maxRecordChars,
        withCells,
      });
    }
    return openDelimitedTable(text, {
      delimiter: delimiter ?? ',',
      columns: options.columns,
      label,
      maxRecordChars,
      withCells,
    });
  };

  const opening = await pass(layout === undefined ? first.stream : open());
  // A re-openable source is read afresh by each call; a stream keeps this first reading for the one.
  let pending: TablePass | undefined = opening;
  if (reopenable) {
    await opening.close();
    pending = undefined;
  }
  const nextPass = async (withCells = false): Promise<TablePass> => {
    if (pending !== undefined) {
      const taken = pending;
      pending = undefined;
      return taken;
    }
    return pass(open(), withCells); // a used-up stream source throws here, saying what to pass instead
  };

  async function* limited(withCells = false): AsyncGenerator<JobInputRow> {
    const { rows } = await nextPass(withCells);
    let count = 0;
    try {
      for await (const row of rows) {
        count += 1;
        if (count > options.maxRows) throw rowLimitError(label, options.maxRows);
        yield row;
      }
    } finally {
      await rows.return(undefined);
    }
  }

  return {
    format,
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(opening.sheet === undefined ? {} : { sheet: opening.sheet }),
    header: opening.header,
    ...(opening.fieldColumns === undefined ? {} : { fieldColumns: opening.fieldColumns }),
    rows: (rowOptions) => limited(rowOptions?.withCells ?? false),
    [Symbol.asyncIterator]: () => limited(),
    async countRows() {
      let count = 0;
      for await (const _row of limited()) count += 1;
      return count;
    },
    async preview(n) {
      const rows: JobInputPreview['rows'] = [];
      if (n > 0) {
        for await (const row of limited(true)) {
          rows.push({ ...row, cells: row.cells ?? [] });
          if (rows.length >= n) break;
        }
      }
      return { header: opening.header, rows };
    },
  };
}
