/**
 * Rows of an XLSX workbook through exceljs's streaming reader, behind the zip-bomb guard
 * (zip-guard.ts). One sheet is read: the one named, else the first visible one; the others are
 * skipped. Its first non-blank row is the header. Cells become text: strings as they are, rich text
 * joined, numbers as Excel shows them (15 significant digits), booleans TRUE/FALSE, dates as ISO
 * (`2024-03-01`, or `2024-03-01T09:30:00` with a time), formulas by their saved result. A cell
 * holding an Excel error (#N/A) in a column the tool reads makes its row an error row. Cells right of
 * the header's last column are ignored; blank rows are skipped.
 *
 * exceljs parks a worksheet in a temporary file when it comes before the shared strings in the
 * archive (Excel writes them in that order); the reader drains the workbook when it stops early so
 * that exceljs removes those files.
 */
import { pipeline, Readable } from 'node:stream';
import type { Row } from 'exceljs';
import type { ColumnSpec } from '../../../tools/rows.ts';
import { JobInputError, errorMessage } from './errors.ts';
import {
  fieldsOf,
  resolveColumns,
  rowId,
  type JobInputRow,
  type ResolvedColumn,
  type TablePass,
} from './table.ts';
import { ZipGuard, type ZipLayout } from './zip-guard.ts';

/** The parts of exceljs's stream reader that are used here; its typings leave them out. */
interface SheetInfo {
  name?: string;
  state?: string;
}
interface StreamWorksheet {
  name?: string;
  /** A file stream when exceljs parked the sheet in a temporary file. */
  iterator?: unknown;
  [Symbol.asyncIterator](): AsyncIterator<Row>;
}
interface StreamWorkbook {
  model?: { sheets?: SheetInfo[] };
  properties?: { model?: { date1904?: boolean } };
  [Symbol.asyncIterator](): AsyncIterator<StreamWorksheet>;
}

export interface XlsxOptions {
  columns: readonly ColumnSpec[];
  label: string;
  /** The sheet to read; the first visible one when not given. */
  sheet?: string;
  /** Give each row its cells (for a preview). */
  withCells?: boolean;
}

type CellText = string | { problem: string };

const MS_PER_DAY = 86_400_000;
/** Days from Excel's 1900 epoch (with its leap-year bug) and its 1904 epoch to 1970-01-01. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

function columnName(index: number): string {
  let name = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's test for a date format (as exceljs has it): y, m, d, h or s outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || format === '') return false;
  return /[ymdhs]/i.test(
    format
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );
}

function isoDate(date: Date): CellText {
  const time = date.getTime();
  if (!Number.isFinite(time)) return { problem: 'holds an invalid date' };
  const rounded = new Date(Math.round(time / 1000) * 1000).toISOString();
  return rounded.endsWith('T00:00:00.000Z') ? rounded.slice(0, 10) : rounded.slice(0, 19);
}

function numberText(value: number, format: string | undefined, date1904: boolean): CellText {
  if (!Number.isFinite(value)) return { problem: 'holds no number' };
  if (isDateFormat(format)) {
    return isoDate(new Date((value - (date1904 ? EPOCH_1904 : EPOCH_1900)) * MS_PER_DAY));
  }
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A cell's value as text; exported for the tests. */
export function cellText(value: unknown, format: string | undefined, date1904 = false): CellText {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, format, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (!isRecord(value)) return String(value);
  if ('error' in value) return { problem: `holds the error ${String(value['error'])}` };
  const richText = value['richText'];
  if (Array.isArray(richText)) {
    return richText
      .map((run: unknown) => (isRecord(run) && typeof run['text'] === 'string' ? run['text'] : ''))
      .join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    if (value['result'] === undefined) {
      return { problem: 'is a formula without a saved result (open the file in Excel and save it again)' };
    }
    return cellText(value['result'], format, date1904);
  }
  if ('text' in value) return cellText(value['text'], format, date1904); // a hyperlink
  return '';
}

interface RowCells {
  texts: string[];
  /** Problems by column index (0-based). */
  problems: Map<number, string>;
  blank: boolean;
}

function rowCells(row: Row, width: number, date1904: boolean): RowCells {
  const texts: string[] = new Array<string>(width).fill('');
  const problems = new Map<number, string>();
  let blank = true;
  row.eachCell((cell, column) => {
    if (column > width) return;
    const text = cellText(cell.value, cell.numFmt, date1904);
    if (typeof text === 'string') {
      texts[column - 1] = text;
      if (text.trim() !== '') blank = false;
    } else {
      problems.set(column - 1, text.problem);
      blank = false;
    }
  });
  return { texts, problems, blank };
}

function malformed(label: string, error: unknown): JobInputError {
  return new JobInputError('EXTRACTION_FAILED', 'MALFORMED', `cannot read ${label}: ${errorMessage(error)}`);
}

function firstVisible(sheets: readonly SheetInfo[]): string | undefined {
  return (sheets.find((sheet) => sheet.state === undefined || sheet.state === 'visible') ?? sheets[0])?.name;
}

/**
 * Closes a worksheet that will not be read, if exceljs opened a temporary file for it, and waits
 * until the file is closed: exceljs deletes the file on its next step, and a stream still opening
 * it would then fail with ENOENT on an error event nobody listens to — an uncaught exception.
 */
async function discard(sheet: StreamWorksheet): Promise<void> {
  const file = sheet.iterator;
  if (!(file instanceof Readable) || file.closed) return;
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  file.on('error', () => {});
  file.destroy();
  await closed;
}

/** One reading of the workbook: its layout was checked by inspectZip; `open` gives the same bytes again. */
export async function openXlsxTable(
  input: Readable,
  layout: ZipLayout,
  options: XlsxOptions,
): Promise<TablePass> {
  // exceljs (~30 MB and a third of a second to load) is loaded by the first XLSX job, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const guard = new ZipGuard(layout);
  let fail: (error: unknown) => void = () => {};
  // Rejects when the file or the guard fails. exceljs pipes its input without passing errors on,
  // so without this race a refused archive would leave the reader waiting for ever.
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  pipeline(input, guard, (error) => {
    if (error) fail(error);
  });
  const race = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, failed]);
  const stop = (): void => {
    input.destroy();
    guard.destroy();
  };
  const fatal = (error: unknown): unknown =>
    error instanceof JobInputError ? error : malformed(options.label, error);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(guard, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell dates from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as StreamWorkbook;
  const sheets = reader[Symbol.asyncIterator]();

  /** Lets exceljs finish (and delete its temporary files) when the sheet came from one. */
  const drain = async (): Promise<void> => {
    try {
      for (;;) {
        const step = await race(sheets.next());
        if (step.done === true) return;
        await discard(step.value);
      }
    } catch {
      // Already failing or stopped: nothing more to clean.
    }
  };

  let sheet: StreamWorksheet | undefined;
  let sheetName: string | undefined;
  try {
    for (;;) {
      const step = await race(sheets.next());
      if (step.done === true) break;
      const candidate = step.value;
      sheetName = options.sheet ?? firstVisible(reader.model?.sheets ?? []);
      if (sheetName === undefined) throw malformed(options.label, new Error('the workbook lists no sheets'));
      if (candidate.name === sheetName) {
        sheet = candidate;
        break;
      }
      await discard(candidate);
    }
  } catch (error) {
    stop();
    throw fatal(error);
  }
  if (sheet === undefined) {
    stop();
    const names = (reader.model?.sheets ?? []).map((info) => JSON.stringify(info.name ?? ''));
    if (options.sheet !== undefined) {
      throw new JobInputError(
        'VALIDATION_ERROR',
        'MISSING_SHEET',
        `sheet "${options.sheet}" not found in ${options.label}; its sheets: ${names.join(', ')}`,
        { sheet: options.sheet, available: names.map((name) => JSON.parse(name) as string) },
      );
    }
    throw new JobInputError('VALIDATION_ERROR', 'EMPTY_FILE', `${options.label} has no worksheet to read`);
  }
  const found = sheet;
  const parked = found.iterator instanceof Readable;
  const cleanup = async (): Promise<void> => {
    await discard(found);
    if (parked) await drain();
    stop();
  };
  const label = `${options.label} (sheet "${found.name ?? ''}")`;
  const date1904 = reader.properties?.model?.date1904 === true;
  const rowIterator = found[Symbol.asyncIterator]();

  let header: string[] | undefined;
  try {
    for (;;) {
      const step = await race(rowIterator.next());
      if (step.done === true) break;
      const { texts, blank } = rowCells(step.value, step.value.cellCount, date1904);
      if (blank) continue;
      let width = texts.length;
      while (width > 0 && (texts[width - 1] ?? '').trim() === '') width -= 1;
      header = texts.slice(0, width).map((name) => name.trim());
      break;
    }
    if (header === undefined) {
      throw new JobInputError('VALIDATION_ERROR', 'EMPTY_FILE', `${label} is empty: expected a header row`);
    }
  } catch (error) {
    await cleanup();
    throw fatal(error);
  }
  const columns = header;
  let resolved: ResolvedColumn[];
  try {
    resolved = resolveColumns(columns, options.columns, label);
  } catch (error) {
    await cleanup();
    throw error;
  }
  const resolvedColumns = resolved;
  const idIndex = columns.indexOf('id');

  async function* rows(): AsyncGenerator<JobInputRow> {
    let rowNumber = 0;
    try {
      for (;;) {
        let step: IteratorResult<Row>;
        try {
          step = await race(rowIterator.next());
        } catch (error) {
          throw fatal(error);
        }
        if (step.done === true) return;
        const row = step.value;
        const { texts, problems, blank } = rowCells(row, columns.length, date1904);
        if (blank) continue;
        rowNumber += 1;
        const id = rowId(texts, idIndex, rowNumber);
        const cells = options.withCells === true ? { cells: texts } : {};
        const bad = resolvedColumns.find(({ index }) => problems.has(index));
        if (bad !== undefined) {
          yield {
            rowNumber,
            id,
            ...cells,
            error: {
              code: 'VALIDATION_ERROR',
              message: `row ${rowNumber}: cell ${columnName(bad.index + 1)}${row.number} ("${bad.column}") ${problems.get(bad.index) ?? ''}`,
            },
          };
          continue;
        }
        yield { rowNumber, id, fields: fieldsOf(texts, resolvedColumns), ...cells };
      }
    } finally {
      await cleanup();
    }
  }
  return {
    header: columns,
    rows: rows(),
    sheet: found.name ?? sheetName,
    fieldColumns: resolvedColumns,
    close: cleanup,
  };
}
