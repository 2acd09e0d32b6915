import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatFromName, sniffFormat } from '../../src/services/jobs/input/index.ts';
import { JobInputError } from '../../src/services/jobs/input/index.ts';
import { makeDocx } from '../documents/fixtures.ts';

function sniffError(head: Buffer, name?: string): JobInputError {
  try {
    sniffFormat(head, name);
  } catch (error) {
    if (error instanceof JobInputError) return error;
    throw error;
  }
  throw new Error('expected a JobInputError');
}

describe('format sniffing', () => {
  it('knows the formats by extension', () => {
    expect(formatFromName('reviews.CSV')).toBe('csv');
    expect(formatFromName('a.tsv')).toBe('tsv');
    expect(formatFromName('a.ndjson')).toBe('jsonl');
    expect(formatFromName('a.xlsx')).toBe('xlsx');
    expect(formatFromName('a.txt')).toBeUndefined();
    expect(formatFromName(undefined)).toBeUndefined();
  });

  it('detects the CSV delimiter on the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('id,text,title')).toBe(',');
    expect(detectDelimiter('id;text;"a, b, c"')).toBe(';');
    expect(detectDelimiter('id\ttext')).toBe('\t');
    expect(detectDelimiter('id|text|title')).toBe('|');
    expect(detectDelimiter('text')).toBe(',');
  });

  it('tells the formats apart by name and content', () => {
    expect(sniffFormat(Buffer.from('id;text\n1;"a,b"\n'), 'x.csv')).toEqual({
      format: 'csv',
      delimiter: ';',
    });
    expect(sniffFormat(Buffer.from('\uFEFFid,text\n'), 'x.csv')).toEqual({ format: 'csv', delimiter: ',' });
    expect(sniffFormat(Buffer.from('id\ttext\n'))).toEqual({ format: 'tsv', delimiter: '\t' });
    expect(sniffFormat(Buffer.from('{"text":"a"}\n'))).toEqual({ format: 'jsonl' });
    expect(sniffFormat(Buffer.from('a|b\n'), 'upload')).toEqual({ format: 'csv', delimiter: '|' });
    // The bytes win over the name for a ZIP: whether it holds a workbook is checked when it is read.
    expect(sniffFormat(makeDocx(['x']), 'data.csv')).toEqual({ format: 'xlsx' });
  });

  it('refuses UTF-16, legacy Excel files and other binaries, saying what they are', () => {
    const utf16 = sniffError(Buffer.from('\uFEFFid,text\n', 'utf16le'), 'x.csv');
    expect(utf16.problem).toBe('UTF16');
    expect(utf16.code).toBe('UNSUPPORTED_FILE');
    expect(utf16.statusCode).toBe(415);
    expect(utf16.message).toMatch(/UTF-16.*save it as UTF-8/);
    const xls = sniffError(Buffer.from('d0cf11e0a1b11ae100000000', 'hex'), 'old.xls');
    expect(xls.message).toMatch(/legacy Office file/);
    expect(sniffError(Buffer.from('%PDF-1.4\n'), 'a.csv').problem).toBe('BINARY_FILE');
    expect(sniffError(Buffer.from('id,text\n'), 'a.xlsx').problem).toBe('WRONG_FORMAT');
  });
});
