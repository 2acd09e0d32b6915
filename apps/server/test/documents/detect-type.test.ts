// Type detection, the ZIP checks and the extractors, called in this thread (no worker), so each
// rule is tested quickly and directly; extract-text.test.ts covers the same through the worker pool.
import { describe, expect, it } from 'vitest';
import { detectDocument } from '../../src/services/documents/detect-type.ts';
import { DocumentError } from '../../src/services/documents/errors.ts';
import { extractDocument, type ContentLimits } from '../../src/services/documents/extractors.ts';
import { checkZipSizes, readZipEntries } from '../../src/services/documents/zip.ts';
import { docxEntries, makeDocx, makeExeLike, makePdf, makeXlsxLike, makeZip } from './fixtures.ts';

const limits: ContentLimits = { maxPages: 5, maxChars: 10_000, maxUnzippedBytes: 1024 * 1024 };

function caught(fn: () => unknown): DocumentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a DocumentError');
}

async function rejected(promise: Promise<unknown>): Promise<DocumentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a DocumentError');
}

describe('detectDocument', () => {
  it('knows a PDF, a DOCX and UTF-8 text by their bytes, whatever the name', () => {
    expect(detectDocument(makePdf([['x']]), 'resume.txt').kind).toBe('pdf');
    expect(detectDocument(makeDocx(['x']), 'resume.pdf').kind).toBe('docx');
    expect(detectDocument(Buffer.from('plain words'), 'resume.docx').kind).toBe('txt');
  });

  it('accepts a PDF header after a little junk only when the file ends like a PDF', () => {
    const junk = Buffer.concat([Buffer.from('\r\n\r\n'), makePdf([['x']])]);
    expect(detectDocument(junk, 'a.pdf').kind).toBe('pdf');
    const text = Buffer.from('Notes: files start with %PDF- and then a version.');
    expect(detectDocument(text, 'notes.txt').kind).toBe('txt');
  });

  it('strips a UTF-8 BOM and keeps non-ASCII text', () => {
    const detected = detectDocument(Buffer.from('\ufeffCafé résumé', 'utf8'), 'a.txt');
    expect(detected).toEqual({ kind: 'txt', text: 'Café résumé' });
  });

  it.each([
    ['a renamed executable', makeExeLike(), 'cv.pdf', /Windows executable/],
    ['an XLSX posing as DOCX', makeXlsxLike(), 'cv.docx', /Excel workbook/],
    [
      'a ZIP without a Word document',
      makeZip([{ name: 'a.txt', data: 'hi' }]),
      'cv.docx',
      /word\/document\.xml/,
    ],
    ['a legacy .doc', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), 'cv.doc', /legacy Office/],
    ['UTF-16 text', Buffer.from('\ufeffhello', 'utf16le'), 'cv.txt', /UTF-16/],
    ['text with NUL bytes', Buffer.from('hello\0world'), 'cv.txt', /NUL bytes/],
    ['invalid UTF-8', Buffer.from([0x68, 0x69, 0xc3, 0x28, 0xff]), 'cv.txt', /not valid UTF-8/],
    ['a PNG image', Buffer.from('89504e470d0a1a0a0000000d', 'hex'), 'cv.png', /PNG image/],
  ])('rejects %s as UNSUPPORTED_FILE (415)', (_label, data, name, message) => {
    const error = caught(() => detectDocument(data, name));
    expect(error.code).toBe('UNSUPPORTED_FILE');
    expect(error.statusCode).toBe(415);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(name);
  });
});

describe('ZIP checks', () => {
  it('lists the entries of a DOCX', () => {
    const entries = readZipEntries(makeDocx(['hello']));
    expect(entries.map((entry) => entry.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
    ]);
  });

  it('refuses a DOCX whose declared unpacked size is over the cap, before inflating', () => {
    const zeros = Buffer.alloc(2 * 1024 * 1024);
    const data = makeZip([...docxEntries(['hello']), { name: 'word/media/big.bin', data: zeros }]);
    expect(data.length).toBeLessThan(10_000);
    const error = caught(() => checkZipSizes(data, readZipEntries(data), limits.maxUnzippedBytes));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.statusCode).toBe(413);
    expect(error.message).toMatch(/unpacks to 2 MiB, more than the limit of 1 MiB/);
  });

  it('catches an entry that inflates past its declared size (a lying zip bomb)', () => {
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    const data = makeZip([
      ...docxEntries(['hello']),
      { name: 'word/media/bomb.bin', data: zeros, declaredSize: 100 },
    ]);
    const entries = readZipEntries(data);
    expect(entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0)).toBeLessThan(
      limits.maxUnzippedBytes,
    );
    const error = caught(() => checkZipSizes(data, entries, limits.maxUnzippedBytes));
    expect(error.code).toBe('EXTRACTION_FAILED');
    expect(error.message).toMatch(/bomb\.bin" inflates to more than its declared 100 bytes/);
  });

  it('refuses data before the archive, encrypted entries and truncated archives', () => {
    const prefixed = Buffer.concat([Buffer.from('junk'), makeDocx(['x'])]);
    expect(caught(() => readZipEntries(prefixed)).message).toMatch(/central directory is not where/);
    const encrypted = makeZip([{ name: 'word/document.xml', data: 'x', flags: 1 }]);
    expect(caught(() => readZipEntries(encrypted)).message).toMatch(/encrypted/);
    const whole = makeDocx(['hello']);
    expect(caught(() => readZipEntries(whole.subarray(0, whole.length - 30))).code).toBe('EXTRACTION_FAILED');
  });

  it('refuses an entry that is not valid deflate data', () => {
    const data = makeZip([{ name: 'word/document.xml', data: 'x'.repeat(100) }]);
    const entries = readZipEntries(data);
    const entry = entries[0];
    if (!entry) throw new Error('no entry');
    data.fill(0xff, entry.dataOffset, entry.dataOffset + entry.compressedSize);
    expect(caught(() => checkZipSizes(data, entries, limits.maxUnzippedBytes)).message).toMatch(
      /cannot be inflated/,
    );
  });
});

describe('extractDocument (in this thread)', () => {
  it('extracts PDF text page by page, with Latin-1 accents', async () => {
    const pdf = makePdf([['Résumé of Ada Lovelace', 'Senior TypeScript engineer (Node.js)'], ['Page two']]);
    await expect(extractDocument(pdf, 'cv.pdf', limits)).resolves.toEqual({
      kind: 'pdf',
      pages: 2,
      text: 'Résumé of Ada Lovelace\nSenior TypeScript engineer (Node.js)\n\nPage two',
    });
  });

  it('extracts DOCX paragraphs', async () => {
    const docx = makeDocx(['Café owner & barista', 'Skills: <latte art>']);
    await expect(extractDocument(docx, 'cv.docx', limits)).resolves.toEqual({
      kind: 'docx',
      text: 'Café owner & barista\n\nSkills: <latte art>',
    });
  });

  it('normalises line endings in text files', async () => {
    const txt = Buffer.from('\ufeff  Line one\r\nLine two\rLine three\n', 'utf8');
    await expect(extractDocument(txt, 'cv.txt', limits)).resolves.toEqual({
      kind: 'txt',
      text: 'Line one\nLine two\nLine three',
    });
  });

  it.each([
    ['a PDF without text', makePdf([[], []]), /OCR/],
    ['a DOCX without text', makeDocx(['   ']), /no text/],
    ['an empty file', Buffer.alloc(0), /no text/],
    ['a text file of blanks', Buffer.from(' \n\t\n'), /no text/],
  ])('answers EMPTY_TEXT (422) for %s', async (_label, data, message) => {
    const error = await rejected(extractDocument(data, 'cv', limits));
    expect(error.code).toBe('EMPTY_TEXT');
    expect(error.statusCode).toBe(422);
    expect(error.message).toMatch(message);
  });

  it('refuses a PDF over the page limit before reading its text', async () => {
    const pdf = makePdf(Array.from({ length: 6 }, (_, i) => [`page ${i + 1}`]));
    const error = await rejected(extractDocument(pdf, 'cv.pdf', limits));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('The PDF has 6 pages, more than the limit of 5.');
    expect(error.details).toEqual({ limit: 5, actual: 6 });
  });

  it('refuses text over maxChars, naming the limit, for every kind', async () => {
    const small = { ...limits, maxChars: 20 };
    const long = 'word '.repeat(10);
    for (const data of [makePdf([[long]]), makeDocx([long]), Buffer.from(long)]) {
      const error = await rejected(extractDocument(data, 'cv', small));
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toBe("The document's text is longer than the limit of 20 characters.");
    }
  });

  it('does not expand XML entities in a DOCX (billion laughs)', async () => {
    const entities = ['<!ENTITY a0 "lol">'];
    for (let i = 1; i < 10; i++) entities.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const xml =
      `<?xml version="1.0"?><!DOCTYPE w:document [${entities.join('')}]>` +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>';
    const entries = docxEntries([]).map((entry) =>
      entry.name === 'word/document.xml' ? { ...entry, data: xml } : entry,
    );
    const error = await rejected(extractDocument(makeZip(entries), 'laughs.docx', limits));
    expect(error.code).toBe('EXTRACTION_FAILED');
  });

  it('answers EXTRACTION_FAILED for a damaged PDF or DOCX', async () => {
    const pdf = await rejected(extractDocument(Buffer.from('%PDF-1.7\nnothing else'), 'cv.pdf', limits));
    expect(pdf.code).toBe('EXTRACTION_FAILED');
    const docx = makeZip([{ name: 'word/document.xml', data: '<w:document><unclosed' }]);
    const error = await rejected(extractDocument(docx, 'cv.docx', limits));
    expect(error.code).toBe('EXTRACTION_FAILED');
  });
});
