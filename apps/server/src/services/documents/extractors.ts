/**
 * The extraction itself, one function per kind. These run inside the worker thread (extract-worker.ts)
 * and are plain async functions, so unit tests can call them directly too.
 */
import mammoth from 'mammoth';
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { detectDocument, type DocumentKind } from './detect-type.ts';
import { DocumentError } from './errors.ts';
import { checkZipSizes, type ZipEntry } from './zip.ts';

export interface ExtractedText {
  /** The document's text: lines joined by `\n`, paragraphs and pages by a blank line, trimmed. */
  text: string;
  /** The kind found in the file's bytes (not its name). */
  kind: DocumentKind;
  /** Page count, for PDF only. */
  pages?: number;
}

export interface ContentLimits {
  maxPages: number;
  maxChars: number;
  maxUnzippedBytes: number;
}

/**
 * pdf.js options. The document comes from memory and no URL is given for fonts or CMaps, so pdf.js
 * has nothing to fetch; eval stays off (CVE-2024-4367 was a font-eval hole); system fonts and font
 * faces are not needed for text.
 */
const PDF_OPTIONS = {
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  disableAutoFetch: true,
  disableStream: true,
  enableXfa: false,
  stopAtErrors: false,
  verbosity: 0,
} as const;

/** Loads pdf.js ahead of the first document, so a worker's start-up is not charged to a job's time. */
export async function preloadLibraries(): Promise<void> {
  await getResolvedPDFJS();
}

export async function extractDocument(
  data: Buffer,
  filename: string,
  limits: ContentLimits,
): Promise<ExtractedText> {
  const detected = detectDocument(data, filename);
  switch (detected.kind) {
    case 'pdf':
      return extractPdf(data, limits);
    case 'docx':
      return extractDocx(data, detected.entries, limits);
    case 'txt':
      return finish('txt', detected.text.replace(/\r\n?/g, '\n').trim(), limits);
  }
}

function finish(kind: DocumentKind, text: string, limits: ContentLimits, pages?: number): ExtractedText {
  checkLength(text.length, limits.maxChars);
  if (text.length === 0) {
    throw new DocumentError(
      'EMPTY_TEXT',
      kind === 'pdf'
        ? 'No text was found in the PDF. Scanned pages are images, and text recognition (OCR) is not supported.'
        : 'The document contains no text.',
    );
  }
  return pages === undefined ? { text, kind } : { text, kind, pages };
}

function checkLength(length: number, maxChars: number): void {
  if (length > maxChars) {
    throw new DocumentError(
      'PAYLOAD_TOO_LARGE',
      `The document's text is longer than the limit of ${maxChars} characters.`,
      { limit: maxChars },
    );
  }
}

/** Tidies extraction output: one space between words, no stray control characters, few blank lines. */
function tidy(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

async function extractPdf(data: Buffer, limits: ContentLimits): Promise<ExtractedText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), PDF_OPTIONS);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new DocumentError(
      'EXTRACTION_FAILED',
      name === 'PasswordException'
        ? 'The PDF is protected by a password; upload a copy without one.'
        : 'The PDF could not be read; it may be damaged.',
    );
  }
  try {
    if (pdf.numPages > limits.maxPages) {
      throw new DocumentError(
        'PAYLOAD_TOO_LARGE',
        `The PDF has ${pdf.numPages} pages, more than the limit of ${limits.maxPages}.`,
        { limit: limits.maxPages, actual: pdf.numPages },
      );
    }
    const pages: string[] = [];
    let length = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let raw = '';
      for (const item of content.items) {
        if ('str' in item) raw += item.hasEOL ? `${item.str}\n` : item.str;
      }
      page.cleanup();
      const text = tidy(raw);
      if (text.length === 0) continue;
      pages.push(text);
      // Stop early on a long document rather than extracting every page first.
      length += text.length + (pages.length > 1 ? 2 : 0);
      checkLength(length, limits.maxChars);
    }
    return finish('pdf', pages.join('\n\n'), limits, pdf.numPages);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('EXTRACTION_FAILED', 'The PDF could not be read; it may be damaged.');
  } finally {
    await pdf.destroy();
  }
}

async function extractDocx(data: Buffer, entries: ZipEntry[], limits: ContentLimits): Promise<ExtractedText> {
  checkZipSizes(data, entries, limits.maxUnzippedBytes);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: data })).value;
  } catch {
    throw new DocumentError('EXTRACTION_FAILED', 'The Word document could not be read; it may be damaged.');
  }
  return finish('docx', tidy(raw), limits);
}
