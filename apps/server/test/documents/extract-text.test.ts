// The extractor as the server uses it: files go to a worker thread started from a .ts module
// (extract-worker.mjs registers tsx there), with the limits and the timeout applied by the pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentError,
  createTextExtractor,
  type TextExtractor,
} from '../../src/services/documents/extract-text.ts';
import {
  docxEntries,
  makeDocx,
  makeExeLike,
  makePdf,
  makeSlowPdf,
  makeXlsxLike,
  makeZip,
} from './fixtures.ts';

const LIMITS = { maxBytes: 64 * 1024, maxPages: 3, timeoutMs: 20_000, maxChars: 2_000 };

async function rejected(promise: Promise<unknown>): Promise<DocumentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected a DocumentError');
}

/** Timers and ports still open. Worker threads are not listed: extract-text-node.test.ts covers those. */
function openResources(): number {
  return process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap').length;
}

describe('createTextExtractor', () => {
  let extractor: TextExtractor;
  beforeAll(() => {
    extractor = createTextExtractor(LIMITS);
  });
  afterAll(async () => {
    await extractor.close();
  });

  it('extracts the text of a PDF', async () => {
    const pdf = makePdf([['Jane Doe - Data Engineer', 'Python, SQL, Airflow'], ['Experience: 5 years']]);
    await expect(
      extractor.extract({ data: pdf, filename: 'jane.pdf', mimetype: 'application/pdf' }),
    ).resolves.toEqual({
      kind: 'pdf',
      pages: 2,
      text: 'Jane Doe - Data Engineer\nPython, SQL, Airflow\n\nExperience: 5 years',
    });
  });

  it('extracts the text of a DOCX', async () => {
    const docx = makeDocx(['Job: Backend developer', 'Must know TypeScript and PostgreSQL.']);
    await expect(extractor.extract({ data: docx, filename: 'job.docx' })).resolves.toEqual({
      kind: 'docx',
      text: 'Job: Backend developer\n\nMust know TypeScript and PostgreSQL.',
    });
  });

  it('extracts a UTF-8 text file and drops its BOM', async () => {
    const txt = Buffer.from('\ufeffNaïve Bayes, Kotlin\r\nZürich', 'utf8');
    await expect(
      extractor.extract({ data: txt, filename: 'cv.txt', mimetype: 'text/plain' }),
    ).resolves.toEqual({
      kind: 'txt',
      text: 'Naïve Bayes, Kotlin\nZürich',
    });
  });

  it('goes by content, not by extension or MIME type', async () => {
    const asText = await extractor.extract({ data: makePdf([['really a PDF']]), filename: 'cv.txt' });
    expect(asText).toMatchObject({ kind: 'pdf', text: 'really a PDF' });
    const asPdf = await extractor.extract({
      data: makeDocx(['really a DOCX']),
      filename: 'cv.pdf',
      mimetype: 'application/pdf',
    });
    expect(asPdf).toMatchObject({ kind: 'docx', text: 'really a DOCX' });
  });

  it.each([
    ['a renamed executable', makeExeLike(), 'cv.docx'],
    ['an XLSX posing as DOCX', makeXlsxLike(), 'cv.docx'],
    ['binary data', Buffer.from([0x00, 0x01, 0x02, 0x03]), 'cv.txt'],
  ])('rejects %s with UNSUPPORTED_FILE (415)', async (_label, data, filename) => {
    const error = await rejected(extractor.extract({ data, filename }));
    expect(error).toBeInstanceOf(DocumentError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_FILE', statusCode: 415 });
    expect(error.message).toContain(filename);
  });

  it('rejects an empty document with EMPTY_TEXT (422)', async () => {
    const error = await rejected(extractor.extract({ data: makePdf([[]]), filename: 'scan.pdf' }));
    expect(error).toMatchObject({ code: 'EMPTY_TEXT', statusCode: 422 });
  });

  it('rejects a PDF over maxPages with PAYLOAD_TOO_LARGE (413)', async () => {
    const pdf = makePdf([['one'], ['two'], ['three'], ['four']]);
    const error = await rejected(extractor.extract({ data: pdf, filename: 'long.pdf' }));
    expect(error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      statusCode: 413,
      details: { limit: 3, actual: 4 },
    });
    expect(error.message).toBe('The PDF has 4 pages, more than the limit of 3.');
  });

  it('rejects a file over maxBytes without starting to parse it', async () => {
    const data = Buffer.alloc(LIMITS.maxBytes + 1, 'a');
    const error = await rejected(extractor.extract({ data, filename: 'big.txt' }));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', statusCode: 413 });
    expect(error.message).toBe(
      `The file is ${LIMITS.maxBytes + 1} bytes, more than the limit of ${LIMITS.maxBytes} bytes.`,
    );
  });

  it('rejects text over maxChars, naming the limit', async () => {
    const data = Buffer.from('skill '.repeat(400));
    const error = await rejected(extractor.extract({ data, filename: 'cv.txt' }));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', statusCode: 413, details: { limit: 2000 } });
    expect(error.message).toContain('limit of 2000 characters');
  });

  it('rejects a zip bomb (declared or hidden) before mammoth inflates it', async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    const declared = makeZip([...docxEntries(['x']), { name: 'word/media/a.bin', data: zeros }]);
    expect(declared.length).toBeLessThan(LIMITS.maxBytes);
    expect(await rejected(extractor.extract({ data: declared, filename: 'bomb.docx' }))).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      statusCode: 413,
    });
    const hidden = makeZip([
      ...docxEntries(['x']),
      { name: 'word/media/a.bin', data: zeros, declaredSize: 10 },
    ]);
    const error = await rejected(extractor.extract({ data: hidden, filename: 'bomb.docx' }));
    expect(error).toMatchObject({ code: 'EXTRACTION_FAILED', statusCode: 422 });
    expect(error.message).toMatch(/zip bomb/);
  });

  it('does not change the caller’s buffer', async () => {
    const data = makeDocx(['kept']);
    const copy = Buffer.from(data);
    await extractor.extract({ data, filename: 'cv.docx' });
    expect(data.equals(copy)).toBe(true);
  });
});

describe('worker pool', () => {
  it('times out a slow document, then serves the next one from a fresh worker', async () => {
    // The slow document takes about 2 s on an idle machine: far past the limit, however fast the
    // machine, while the small one after it takes a few milliseconds.
    const extractor = createTextExtractor({
      maxBytes: 20_000_000,
      maxPages: 5,
      timeoutMs: 300,
      maxChars: 20_000_000,
    });
    try {
      // Warm the worker up, so the clock only measures the slow document.
      await extractor.extract({ data: Buffer.from('warm-up'), filename: 'a.txt' });
      const slow = makeSlowPdf(300_000);
      const started = Date.now();
      const error = await rejected(extractor.extract({ data: slow, filename: 'slow.pdf' }));
      expect(error).toMatchObject({ code: 'EXTRACTION_TIMEOUT', statusCode: 422, details: { limit: 300 } });
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect(
        extractor.extract({ data: makePdf([['after the timeout']]), filename: 'ok.pdf' }),
      ).resolves.toEqual({
        kind: 'pdf',
        pages: 1,
        text: 'after the timeout',
      });
    } finally {
      await extractor.close();
    }
  });

  it('runs jobs on several workers and queues the rest', async () => {
    const extractor = createTextExtractor({ ...LIMITS, poolSize: 2 });
    try {
      const files = Array.from({ length: 5 }, (_, i) => ({
        data: makeDocx([`document ${i}`]),
        filename: `${i}.docx`,
      }));
      const results = await Promise.all(files.map((file) => extractor.extract(file)));
      expect(results.map((result) => result.text)).toEqual([0, 1, 2, 3, 4].map((i) => `document ${i}`));
    } finally {
      await extractor.close();
    }
  });

  it('close() rejects pending jobs, refuses new ones and leaves no timer behind', async () => {
    const before = openResources();
    const extractor = createTextExtractor({ ...LIMITS, maxBytes: 10_000_000, maxChars: 10_000_000 });
    await extractor.extract({ data: Buffer.from('start the worker'), filename: 'a.txt' });
    const running = expect(
      extractor.extract({ data: makeSlowPdf(20_000), filename: 'a.pdf' }),
    ).rejects.toThrow('The text extractor is closed.');
    const queued = expect(extractor.extract({ data: makePdf([['two']]), filename: 'b.pdf' })).rejects.toThrow(
      'The text extractor is closed.',
    );
    await extractor.close();
    await running;
    await queued;
    await expect(extractor.extract({ data: Buffer.from('x'), filename: 'c.txt' })).rejects.toThrow(/closed/);
    expect(openResources()).toBeLessThanOrEqual(before);
    await extractor.close();
  });

  it('checks its limits', () => {
    expect(() => createTextExtractor({ ...LIMITS, maxPages: 0 })).toThrow(RangeError);
    expect(() => createTextExtractor({ ...LIMITS, poolSize: 1.5 })).toThrow(/poolSize must be an integer/);
  });
});
