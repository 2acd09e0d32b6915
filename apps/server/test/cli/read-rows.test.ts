import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.ts';
import { inputFormatOf, outputFormatOf } from '../../src/cli/io/formats.ts';
import { openDelimitedRows } from '../../src/cli/io/read-delimited.ts';
import { parseJsonlLine, readJsonlRows } from '../../src/cli/io/read-jsonl.ts';
import { openRowSource } from '../../src/cli/io/read-rows.ts';
import type { ColumnSpec, InputRow } from '../../src/tools/rows.ts';
import { makeTempDir } from './helpers.ts';

async function collect(rows: AsyncIterable<InputRow>): Promise<InputRow[]> {
  const all: InputRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

const TEXT_COLUMN: ColumnSpec[] = [{ field: 'text', column: 'text', required: true }];

function delimited(content: string, delimiter: ',' | '\t' = ',', columns = TEXT_COLUMN) {
  return openDelimitedRows(Readable.from([content]), {
    delimiter,
    columns,
    label: 'input.csv',
    maxRecordChars: 1_000_000,
  });
}

describe('parseJsonlLine', () => {
  it('keeps the object and its id', () => {
    expect(parseJsonlLine('{"id":"a7","text":"Nice pen."}', 3)).toEqual({
      id: 'a7',
      fields: { id: 'a7', text: 'Nice pen.' },
    });
    expect(parseJsonlLine('{"id":12,"text":"x"}', 3)).toMatchObject({ id: 12 });
  });

  it('falls back to the line number without an id', () => {
    expect(parseJsonlLine('{"text":"The bus was late again."}', 5)).toEqual({
      id: 5,
      fields: { text: 'The bus was late again.' },
    });
    expect(parseJsonlLine('{"id":null,"text":"x"}', 6)).toMatchObject({ id: 6 });
  });

  it('turns bad lines into error rows', () => {
    expect(parseJsonlLine('{"text": "unfinished', 2)).toMatchObject({
      id: 2,
      error: { code: 'INVALID_JSON' },
    });
    expect(parseJsonlLine('["a list"]', 4)).toMatchObject({ id: 4, error: { code: 'VALIDATION_ERROR' } });
    expect(parseJsonlLine('"just a string"', 4)).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    expect(parseJsonlLine('{"id":{"x":1},"text":"t"}', 9)).toMatchObject({
      id: 9,
      error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('"id"') as unknown },
    });
  });
});

describe('readJsonlRows', () => {
  it('numbers rows by line, skips blank lines, strips a BOM and handles CRLF', async () => {
    const input = Readable.from(['\uFEFF{"text":"first"}\r\n', '\r\n{"te', 'xt":"third"}\r\n', 'oops\n']);
    const rows = await collect(readJsonlRows(input));
    expect(rows).toEqual([
      { id: 1, fields: { text: 'first' } },
      { id: 3, fields: { text: 'third' } },
      { id: 4, error: expect.objectContaining({ code: 'INVALID_JSON' }) as unknown },
    ]);
  });
});

describe('openDelimitedRows', () => {
  it('reads quoted cells with commas, quotes and newlines, a BOM and an id column', async () => {
    const csv =
      '\uFEFFid,text,stars\n' +
      'r1,"Lovely view, friendly staff",5\n' +
      'r2,"First line\nsecond line with ""quotes""",3\n' +
      'r3,He said "fine" and left,2\n';
    const rows = await collect(await delimited(csv));
    expect(rows).toEqual([
      { id: 'r1', fields: { text: 'Lovely view, friendly staff' } },
      { id: 'r2', fields: { text: 'First line\nsecond line with "quotes"' } },
      { id: 'r3', fields: { text: 'He said "fine" and left' } },
    ]);
  });

  it('uses the 1-based row number without an id column, or for a blank id', async () => {
    const rows = await collect(await delimited('text\nalpha\n\nbeta\n'));
    expect(rows.map((row) => row.id)).toEqual([1, 2]);
    const blank = await collect(await delimited('id,text\n,alpha\nx9,beta\n'));
    expect(blank.map((row) => row.id)).toEqual([1, 'x9']);
  });

  it('maps named columns to fields and reads TSV', async () => {
    const columns: ColumnSpec[] = [
      { field: 'text', column: 'body', required: true },
      { field: 'title', column: 'headline', required: false },
      { field: 'other', column: 'absent', required: false },
    ];
    const tsv = 'headline\tbody\nCouncil votes\tThe council voted 7 to 2, after a long debate.\n';
    const rows = await collect(await delimited(tsv, '\t', columns));
    expect(rows).toEqual([
      { id: 1, fields: { text: 'The council voted 7 to 2, after a long debate.', title: 'Council votes' } },
    ]);
  });

  it('fails before any row when a required column is missing, naming the columns there are', async () => {
    await expect(delimited('id,review\n1,Good\n')).rejects.toThrow(CliError);
    await expect(delimited('id,review\n1,Good\n')).rejects.toThrow(
      'column "text" not found in input.csv; available columns: "id", "review"',
    );
  });

  it('fails on an empty file', async () => {
    await expect(delimited('')).rejects.toThrow('expected a header row');
  });

  it('turns a row with the wrong number of cells into an error row', async () => {
    const rows = await collect(await delimited('id,text\n1,fine\n2,too,many\n3,also fine\n'));
    expect(rows).toEqual([
      { id: '1', fields: { text: 'fine' } },
      { id: '2', error: { code: 'VALIDATION_ERROR', message: 'row 2 has 3 fields but the header has 2' } },
      { id: '3', fields: { text: 'also fine' } },
    ]);
  });

  it('stops with a fatal error at an unclosed quote', async () => {
    // Small inputs are parsed in one go, so the error may surface with the header or with a row.
    const read = async (): Promise<InputRow[]> => collect(await delimited('text\n"never closed\nmore\n'));
    await expect(read()).rejects.toThrow(CliError);
    await expect(read()).rejects.toThrow('Quote Not Closed');
  });
});

describe('openRowSource', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
  afterAll(() => cleanup());

  it('reports a missing file and a directory as fatal errors', async () => {
    const options = { format: 'jsonl' as const, columns: TEXT_COLUMN, maxRecordChars: 1000 };
    await expect(openRowSource(join(dir, 'nope.jsonl'), options)).rejects.toThrow('input file not found');
    await expect(openRowSource(dir, options)).rejects.toThrow('is a directory');
  });

  it('knows the file size and counts the bytes read', async () => {
    const path = join(dir, 'rows.jsonl');
    const content = '{"text":"one"}\n{"text":"two"}\n';
    await writeFile(path, content);
    const source = await openRowSource(path, { format: 'jsonl', columns: TEXT_COLUMN, maxRecordChars: 1000 });
    expect(source.totalBytes).toBe(Buffer.byteLength(content));
    expect(await collect(source.rows)).toHaveLength(2);
    expect(source.bytesRead()).toBe(Buffer.byteLength(content));
  });
});

describe('formats', () => {
  it('takes the input format from the extension unless overridden', () => {
    expect(inputFormatOf('a/b.JSONL', undefined)).toBe('jsonl');
    expect(inputFormatOf('b.csv', undefined)).toBe('csv');
    expect(inputFormatOf('b.tsv', undefined)).toBe('tsv');
    expect(inputFormatOf('b.txt', 'csv')).toBe('csv');
    expect(() => inputFormatOf('b.txt', undefined)).toThrow('--format');
  });

  it('writes tables for .csv/.tsv and JSON Lines otherwise', () => {
    expect(outputFormatOf(undefined)).toBe('jsonl');
    expect(outputFormatOf('out.csv')).toBe('csv');
    expect(outputFormatOf('out.tsv')).toBe('tsv');
    expect(outputFormatOf('out.json')).toBe('jsonl');
  });
});
