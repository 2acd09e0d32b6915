import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openJobInput } from '../../src/services/jobs/input/index.ts';
import type { ColumnSpec } from '../../src/tools/rows.ts';
import { TEXT, collect, inputError, source } from './helpers.ts';

const base = { columns: TEXT, maxRows: 1000 };

/** Opens and counts: a fatal error may come with either, depending on how much was parsed at once. */
async function count(...args: Parameters<typeof openJobInput>): Promise<number> {
  return (await openJobInput(...args)).countRows();
}

describe('CSV and TSV', () => {
  it('reads a ;-delimited CSV with a BOM and quoted fields holding newlines and delimiters', async () => {
    const csv =
      '\uFEFFid;text;stars\r\n' +
      'r1;"Lovely view; friendly staff";5\r\n' +
      'r2;"First line\r\nsecond line with ""quotes""";3\r\n' +
      '\r\n' +
      ';He said "fine" and left;2\r\n';
    const input = await openJobInput(source(csv, 7), { ...base, filename: 'reviews.csv' });
    expect(input.format).toBe('csv');
    expect(input.delimiter).toBe(';');
    expect(input.header).toEqual(['id', 'text', 'stars']);
    expect(await input.countRows()).toBe(3);
    expect(await collect(input)).toEqual([
      { rowNumber: 1, id: 'r1', fields: { text: 'Lovely view; friendly staff' } },
      { rowNumber: 2, id: 'r2', fields: { text: 'First line\r\nsecond line with "quotes"' } },
      { rowNumber: 3, id: 3, fields: { text: 'He said "fine" and left' } },
    ]);
  });

  it('uses the delimiter given, and reads TSV', async () => {
    const piped = await openJobInput(source('text|x\na,b|1\n'), { ...base, format: 'csv', delimiter: '|' });
    expect(await collect(piped.rows())).toEqual([{ rowNumber: 1, id: 1, fields: { text: 'a,b' } }]);

    const columns: ColumnSpec[] = [
      { field: 'text', column: 'body', required: true },
      { field: 'title', column: 'headline', required: false },
      { field: 'other', column: 'absent', required: false },
    ];
    const tsv = 'headline\tbody\nCouncil votes\tThe council voted 7 to 2, after a long debate.\n';
    const input = await openJobInput(source(tsv), { ...base, columns, filename: 'news.tsv' });
    expect(input.format).toBe('tsv');
    expect(await collect(input)).toEqual([
      {
        rowNumber: 1,
        id: 1,
        fields: { text: 'The council voted 7 to 2, after a long debate.', title: 'Council votes' },
      },
    ]);
  });

  it('turns ragged rows into row errors naming the row, and goes on', async () => {
    const input = await openJobInput(source('id,text\n1,fine\n2,too,many\n3\n4,also fine\n'), {
      ...base,
      format: 'csv',
    });
    expect(await collect(input)).toEqual([
      { rowNumber: 1, id: '1', fields: { text: 'fine' } },
      {
        rowNumber: 2,
        id: '2',
        error: { code: 'VALIDATION_ERROR', message: 'row 2 has 3 fields but the header has 2' },
      },
      {
        rowNumber: 3,
        id: '3',
        error: { code: 'VALIDATION_ERROR', message: 'row 3 has 1 fields but the header has 2' },
      },
      { rowNumber: 4, id: '4', fields: { text: 'also fine' } },
    ]);
  });

  it('refuses a wrong column name at once, listing the columns there are', async () => {
    const error = await inputError(
      openJobInput(source('id,review\n1,Good\n'), { ...base, filename: 'in.csv' }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.problem).toBe('MISSING_COLUMN');
    expect(error.message).toBe('column "text" not found in in.csv; available columns: "id", "review"');
    expect(error.details).toEqual({ column: 'text', available: ['id', 'review'] });
  });

  it("refuses a file that names the tool's column twice, saying where", async () => {
    const error = await inputError(
      openJobInput(source('text,id,text\na,1,b\n'), { ...base, filename: 'twice.csv' }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.problem).toBe('DUPLICATE_COLUMN');
    expect(error.message).toBe(
      'column "text" appears more than once in twice.csv (columns 1 and 3); rename one of them',
    );
    // A repeated column the tool does not read is no ambiguity: the file is read.
    const fine = await openJobInput(source('note,text,note\na,b,c\n'), { ...base, filename: 'ok.csv' });
    expect(await collect(fine)).toEqual([{ rowNumber: 1, id: 1, fields: { text: 'b' } }]);
  });

  it('refuses an empty file and an unclosed quote', async () => {
    expect((await inputError(openJobInput(source(''), { ...base, format: 'csv' }))).problem).toBe(
      'EMPTY_FILE',
    );
    // Small inputs are parsed in one go, so the error may come with the header or with a row.
    const error = await inputError(count(source('text\n"never closed\nmore\n'), { ...base, format: 'csv' }));
    expect(error.code).toBe('EXTRACTION_FAILED');
    expect(error.message).toMatch(/Quote Not Closed/);
  });
});

describe('encodings', () => {
  it('names the first line that is not UTF-8, wherever the chunks are cut', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('id,text\n1,caf\u00e9 ok\n2,fine\n', 'utf8'),
      Buffer.from('3,na\u00efve\n', 'latin1'),
    ]);
    for (const chunkSize of [1, 3, 64 * 1024]) {
      const error = await inputError(count(source(latin1, chunkSize), { ...base, format: 'csv' }));
      expect(error.code).toBe('UNSUPPORTED_FILE');
      expect(error.problem).toBe('INVALID_UTF8');
      expect(error.message).toMatch(/line 4 has bytes that are not UTF-8/);
      expect(error.details).toEqual({ line: 4 });
    }
  });

  it('reads multi-byte characters split across chunks', async () => {
    const text = 'text\n\u00e9t\u00e9 \u{1F600} \u4e2d\u6587\n';
    const input = await openJobInput(source(text, 1), { ...base, format: 'csv' });
    expect(await collect(input)).toEqual([
      { rowNumber: 1, id: 1, fields: { text: '\u00e9t\u00e9 \u{1F600} \u4e2d\u6587' } },
    ]);
  });

  it('refuses UTF-16, with or without a byte-order mark', async () => {
    const withMark = Buffer.from('\uFEFFid,text\n1,x\n', 'utf16le');
    const marked = await inputError(openJobInput(source(withMark), { ...base, filename: 'a.csv' }));
    expect(marked.problem).toBe('UTF16');
    expect(marked.message).toMatch(/save it as UTF-8/);
    const bare = Buffer.from('id,text\n1,x\n', 'utf16le');
    const unmarked = await inputError(openJobInput(source(bare), { ...base, filename: 'a.csv' }));
    expect(unmarked.problem).toBe('BINARY_FILE');
    expect(unmarked.message).toMatch(/NUL byte on line 1/);
  });
});

describe('JSON Lines', () => {
  it('keeps going past a bad line, numbering rows and lines', async () => {
    const jsonl =
      '\uFEFF{"id":"a","text":"first"}\r\n' +
      '\n' +
      '{"text": "unfinished\n' +
      '[1,2]\n' +
      '{"text":"fourth","sentences":2}\n';
    const input = await openJobInput(source(jsonl, 5), { ...base, filename: 'in.jsonl' });
    expect(input.format).toBe('jsonl');
    expect(input.header).toEqual(['id', 'text']);
    expect(await input.countRows()).toBe(4);
    const rows = await collect(input);
    expect(rows).toEqual([
      { rowNumber: 1, id: 'a', fields: { id: 'a', text: 'first' } },
      { rowNumber: 2, id: 3, error: expect.objectContaining({ code: 'INVALID_JSON' }) as unknown },
      { rowNumber: 3, id: 4, error: { code: 'VALIDATION_ERROR', message: 'line 4 is not a JSON object' } },
      { rowNumber: 4, id: 5, fields: { text: 'fourth', sentences: 2 } },
    ]);
  });

  it('maps a named key to the tool field and checks it on the first object', async () => {
    const columns: ColumnSpec[] = [{ field: 'text', column: 'review', required: true }];
    const input = await openJobInput(source('{"review":"good"}\n{"other":1}\n'), {
      ...base,
      columns,
      format: 'jsonl',
    });
    expect(await collect(input)).toEqual([
      { rowNumber: 1, id: 1, fields: { review: 'good', text: 'good' } },
      { rowNumber: 2, id: 2, error: { code: 'VALIDATION_ERROR', message: 'line 2 has no "review" key' } },
    ]);
    const error = await inputError(
      openJobInput(source('{"body":"x","id":1}\n'), { ...base, format: 'jsonl' }),
    );
    expect(error.problem).toBe('MISSING_COLUMN');
    expect(error.message).toMatch(/key "text" not found .*its keys: "body", "id"/);
  });

  it("refuses JSON Lines with no object at all, quoting the first line's problem", async () => {
    const error = await inputError(
      openJobInput(source('[1,2]\n"text"\n42\n'), { ...base, format: 'jsonl', filename: 'arrays.jsonl' }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.problem).toBe('NO_OBJECT');
    expect(error.message).toBe(
      'arrays.jsonl has no JSON object in its first 3 lines: expected JSON objects, one a line ' +
        '(the first line says: line 1 is not a JSON object)',
    );
  });

  it('turns an over-long line into a row error without holding it', async () => {
    const jsonl = `{"text":"${'x'.repeat(5000)}"}\n{"text":"ok"}\n`;
    const input = await openJobInput(source(jsonl, 100), { ...base, format: 'jsonl', maxRecordChars: 1000 });
    const rows = await collect(input);
    expect(rows[0]).toMatchObject({ rowNumber: 1, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(rows[1]).toEqual({ rowNumber: 2, id: 2, fields: { text: 'ok' } });
  });
});

describe('row limit, preview and sources', () => {
  const csv = 'id,text\n' + Array.from({ length: 12 }, (_, i) => `${i + 1},row ${i + 1}`).join('\n') + '\n';

  it('refuses more rows than the limit before the rows are read', async () => {
    const input = await openJobInput(source(csv), { ...base, format: 'csv', maxRows: 10 });
    const error = await inputError(input.countRows());
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.statusCode).toBe(413);
    expect(error.problem).toBe('ROW_LIMIT');
    expect(error.message).toMatch(/more than 10 rows/);
    // Reading the rows stops with the same error instead of yielding row 11.
    const seen: number[] = [];
    const reading = (async () => {
      for await (const row of input) seen.push(row.rowNumber);
    })();
    expect((await inputError(reading)).problem).toBe('ROW_LIMIT');
    expect(seen).toHaveLength(10);
    const exact = await openJobInput(source(csv), { ...base, format: 'csv', maxRows: 12 });
    expect(await exact.countRows()).toBe(12);
  });

  it('previews the header and the first rows with all their cells', async () => {
    const input = await openJobInput(source('id,text,stars\n1,good,5\n2,bad\n3,ok,3\n'), {
      ...base,
      format: 'csv',
    });
    const preview = await input.preview(2);
    expect(preview.header).toEqual(['id', 'text', 'stars']);
    expect(preview.rows).toEqual([
      { rowNumber: 1, id: '1', fields: { text: 'good' }, cells: ['1', 'good', '5'] },
      {
        rowNumber: 2,
        id: '2',
        error: expect.objectContaining({ code: 'VALIDATION_ERROR' }) as unknown,
        cells: ['2', 'bad'],
      },
    ]);
    // Previewing does not use the file up: a re-openable source is read afresh.
    expect(await input.countRows()).toBe(3);
    const jsonl = await openJobInput(source('{"text":"a","n":1}\n'), { ...base, format: 'jsonl' });
    expect((await jsonl.preview(5)).rows[0]?.cells).toEqual(['a', '1']);
  });

  it('reads a plain stream once', async () => {
    const input = await openJobInput(Readable.from([Buffer.from('text\na\nb\n')]), {
      ...base,
      format: 'csv',
    });
    expect(await collect(input)).toHaveLength(2);
    await expect(input.countRows()).rejects.toThrow(/can be read once/);
  });
});
