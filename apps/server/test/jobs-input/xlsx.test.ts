import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openJobInput } from '../../src/services/jobs/input/index.ts';
import { cellText } from '../../src/services/jobs/input/xlsx.ts';
import type { ColumnSpec } from '../../src/tools/rows.ts';
import { makeDocx, makeZip } from '../documents/fixtures.ts';
import { TEXT, collect, inputError, source } from './helpers.ts';

const base = { columns: TEXT, maxRows: 1000, filename: 'data.xlsx' };

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same through exceljs's streaming writer, which writes data descriptors after each entry. */
async function streamedWorkbook(rows: number): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
  const sheet = book.addWorksheet('Big');
  sheet.addRow(['id', 'text']).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow([`r${i}`, `review number ${i}`]).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

const WORKBOOK_XML =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';

describe('XLSX', () => {
  it('reads strings, numbers, rich text, formulas (their saved result) and dates from the first sheet', async () => {
    const data = await workbook((book) => {
      const sheet = book.addWorksheet('Reviews');
      sheet.addRow(['id', 'text', 'when', 'score', 'ok']);
      sheet.addRow(['a', 'Great value', new Date(Date.UTC(2024, 2, 1)), 4.5, true]);
      sheet.addRow([
        'b',
        { formula: 'A3&" x"', result: 'b x' },
        new Date(Date.UTC(2024, 2, 1, 9, 30)),
        0.1 + 0.2,
        false,
      ]);
      sheet.addRow([]);
      sheet.addRow([
        7,
        { richText: [{ text: 'Bold', font: { bold: true } }, { text: ' and plain' }] },
        { formula: 'C2+1', result: 45353 },
        { error: '#N/A' },
      ]);
      sheet.getCell('C5').numFmt = 'yyyy-mm-dd';
      book.addWorksheet('Other').addRow(['text', 'not this one']);
    });
    const columns: ColumnSpec[] = [
      { field: 'text', column: 'text', required: true },
      { field: 'when', column: 'when', required: true },
      { field: 'score', column: 'score', required: false },
      { field: 'ok', column: 'ok', required: false },
    ];
    const input = await openJobInput(source(data, 999), { ...base, columns });
    expect(input.format).toBe('xlsx');
    expect(input.sheet).toBe('Reviews');
    expect(input.header).toEqual(['id', 'text', 'when', 'score', 'ok']);
    expect(await input.countRows()).toBe(3);
    expect(await collect(input)).toEqual([
      {
        rowNumber: 1,
        id: 'a',
        fields: { text: 'Great value', when: '2024-03-01', score: '4.5', ok: 'TRUE' },
      },
      {
        rowNumber: 2,
        id: 'b',
        fields: { text: 'b x', when: '2024-03-01T09:30:00', score: '0.3', ok: 'FALSE' },
      },
      {
        rowNumber: 3,
        id: '7',
        error: {
          code: 'VALIDATION_ERROR',
          message: 'row 3: cell D5 ("score") holds the error #N/A',
        },
      },
    ]);
    // Without the score column the Excel error is not in the way, and the formula date is a date.
    const lean = await openJobInput(source(data), { ...base, columns: columns.slice(0, 2) });
    expect((await collect(lean))[2]).toEqual({
      rowNumber: 3,
      id: '7',
      fields: { text: 'Bold and plain', when: '2024-03-02' },
    });
    const preview = await lean.preview(1);
    expect(preview.rows[0]?.cells).toEqual(['a', 'Great value', '2024-03-01', '4.5', 'TRUE']);
  });

  it('reads the sheet asked for, and names the sheets when it is not there', async () => {
    const data = await workbook((book) => {
      book.addWorksheet('First').addRow(['text']);
      const other = book.addWorksheet('Second');
      other.addRow(['text']);
      other.addRow(['from the second sheet']);
    });
    const input = await openJobInput(source(data), { ...base, sheet: 'Second' });
    expect(await collect(input)).toEqual([
      { rowNumber: 1, id: 1, fields: { text: 'from the second sheet' } },
    ]);
    const error = await inputError(openJobInput(source(data), { ...base, sheet: 'Third' }));
    expect(error.problem).toBe('MISSING_SHEET');
    expect(error.message).toMatch(/sheet "Third" not found in data.xlsx; its sheets: "First", "Second"/);
  });

  it('leaves no temporary files behind when it stops early', async () => {
    // Sheets before the shared strings (Excel's order) are parked by exceljs in temporary files.
    const data = await workbook((book) => {
      for (const name of ['One', 'Two', 'Three']) {
        const sheet = book.addWorksheet(name);
        sheet.addRow(['text']);
        for (let i = 0; i < 50; i++) sheet.addRow([`${name} ${i}`]);
      }
    });
    const parked = (): string[] =>
      readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = parked();
    const input = await openJobInput(source(data), { ...base, sheet: 'Two' });
    expect((await input.preview(1)).rows[0]).toMatchObject({ fields: { text: 'Two 0' } });
    for await (const row of input) if (row.rowNumber === 3) break;
    expect(await input.countRows()).toBe(50);
    // exceljs removes them asynchronously.
    for (let wait = 0; wait < 40 && parked().length > before.length; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(parked()).toEqual(before);
  });

  it('refuses a wrong column name, listing the columns of the sheet', async () => {
    const data = await workbook((book) => book.addWorksheet('Data').addRow(['id', 'review']));
    const error = await inputError(openJobInput(source(data), base));
    expect(error.problem).toBe('MISSING_COLUMN');
    expect(error.message).toBe(
      'column "text" not found in data.xlsx (sheet "Data"); available columns: "id", "review"',
    );
  });

  it('streams a workbook written with data descriptors, and enforces the row limit', async () => {
    const data = await streamedWorkbook(3000);
    const input = await openJobInput(source(data, 4096), { ...base, maxRows: 5000 });
    expect(input.sheet).toBe('Big');
    expect(await input.countRows()).toBe(3000);
    const rows = await input.preview(2);
    expect(rows.rows.map((row) => row.id)).toEqual(['r1', 'r2']);
    const limited = await openJobInput(source(data, 4096), { ...base, maxRows: 100 });
    expect((await inputError(limited.countRows())).problem).toBe('ROW_LIMIT');
  });

  it('reads a workbook uploaded under another name, and refuses other ZIP files', async () => {
    const data = await workbook((book) => book.addWorksheet('S').addRow(['text']));
    expect((await openJobInput(source(data), { ...base, filename: 'export.csv' })).format).toBe('xlsx');
    const docx = await inputError(
      openJobInput(source(makeDocx(['hello'])), { ...base, filename: 'cv.xlsx' }),
    );
    expect(docx.code).toBe('UNSUPPORTED_FILE');
    expect(docx.message).toMatch(/a Word document, not an Excel workbook/);
    const asCsv = await inputError(openJobInput(source(data), { ...base, format: 'csv' }));
    expect(asCsv.problem).toBe('WRONG_FORMAT');
    await expect(openJobInput(new PassThrough().end(data), { ...base })).rejects.toThrow(
      /function that opens the file/,
    );
  });
});

describe('XLSX zip-bomb guard', () => {
  const zeros = Buffer.alloc(8 * 1024 * 1024, 0x20);
  const bombEntries = (declaredSize?: number) => [
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: WORKBOOK_XML },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: zeros,
      ...(declaredSize === undefined ? {} : { declaredSize }),
    },
  ];

  it('refuses an archive whose declared size is over the cap before inflating anything', async () => {
    const bomb = makeZip(bombEntries());
    expect(bomb.length).toBeLessThan(20_000);
    const error = await inputError(openJobInput(source(bomb), { ...base, maxUnzippedBytes: 1024 * 1024 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.problem).toBe('ZIP_TOO_LARGE');
    expect(error.message).toMatch(/unpacks to 8 MiB, more than the limit of 1 MiB/);
  });

  it('stops an entry that inflates past its declared size (a lying zip bomb)', async () => {
    const bomb = makeZip(bombEntries(1000));
    const error = await inputError(
      openJobInput(source(bomb, 512), { ...base, maxUnzippedBytes: 1024 * 1024 }),
    );
    expect(error.code).toBe('EXTRACTION_FAILED');
    expect(error.message).toMatch(/sheet1\.xml" inflates to more than its declared 1000 bytes/);
  });

  it('refuses encrypted, prepended, truncated and ZIP64 archives', async () => {
    const encrypted = makeZip([{ name: 'xl/workbook.xml', data: WORKBOOK_XML, flags: 1 }]);
    expect((await inputError(openJobInput(source(encrypted), base))).message).toMatch(/encrypted/);
    const good = await workbook((book) => book.addWorksheet('S').addRow(['text']));
    const cut = await inputError(openJobInput(source(good.subarray(0, good.length - 40)), base));
    expect(cut.problem).toBe('ZIP_INVALID');
    const zip64 = Buffer.from(good);
    zip64.writeUInt32LE(0xffffffff, zip64.length - 6); // the end record's directory offset
    expect((await inputError(openJobInput(source(zip64), base))).message).toMatch(/ZIP64/);
    // A local header that disagrees with the directory (another name) is refused as the file streams.
    const renamed = Buffer.from(good);
    const at = renamed.indexOf('xl/workbook.xml');
    renamed.write('xl/workbook.xmL', at, 'latin1');
    expect((await inputError(openJobInput(source(renamed), base))).problem).toBe('ZIP_INVALID');
  });
});

describe('cellText', () => {
  it('formats values as Excel shows them', () => {
    expect(cellText(1e21, undefined)).toBe('1e+21');
    expect(cellText(45353.5, 'dd/mm/yyyy hh:mm')).toBe('2024-03-02T12:00:00');
    expect(cellText(45353, '0.00')).toBe('45353');
    expect(cellText({ formula: 'A1' }, undefined)).toEqual({
      problem: expect.stringMatching(/without a saved result/) as unknown,
    });
    expect(cellText({ text: 'link', hyperlink: 'https://example.org' }, undefined)).toBe('link');
    expect(cellText(null, undefined)).toBe('');
  });
});
