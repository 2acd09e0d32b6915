/**
 * Tells a PDF, a DOCX and a UTF-8 text file apart by their bytes. The file name and MIME type
 * are only used in messages: a résumé saved as `cv.txt` that is really a PDF is read as a PDF,
 * and an executable renamed `cv.pdf` is refused.
 */
import { DocumentError } from './errors.ts';
import { ZIP_LOCAL_SIGNATURE, readZipEntries, type ZipEntry } from './zip.ts';

export type DocumentKind = 'pdf' | 'docx' | 'txt';

export type Detected =
  { kind: 'pdf' } | { kind: 'docx'; entries: ZipEntry[] } | { kind: 'txt'; text: string };

const ACCEPTED = 'Upload a PDF, a Word document (.docx) or a UTF-8 text file.';

/** Signatures of common files that are not accepted, for a clear message. */
const KNOWN_BINARIES: ReadonlyArray<readonly [prefix: string, label: string]> = [
  ['4d5a', 'a Windows executable'],
  ['fffe', 'UTF-16 text; save it as UTF-8'],
  ['feff', 'UTF-16 text; save it as UTF-8'],
  ['7f454c46', 'an ELF executable'],
  ['cafebabe', 'a Java class or Mach-O binary'],
  ['d0cf11e0a1b11ae1', 'a legacy Office file (.doc or .xls); save it as .docx or PDF'],
  ['7b5c727466', 'an RTF document; save it as .docx or PDF'],
  ['89504e47', 'a PNG image'],
  ['ffd8ff', 'a JPEG image'],
  ['47494638', 'a GIF image'],
  ['1f8b', 'a gzip archive'],
  ['377abcaf271c', 'a 7-Zip archive'],
  ['526172211a07', 'a RAR archive'],
];

/** ZIP-based formats that are not DOCX, recognised by a part they always have. */
const OTHER_ZIP_FORMATS: ReadonlyArray<readonly [part: string, label: string]> = [
  ['xl/workbook.xml', 'an Excel workbook (.xlsx)'],
  ['ppt/presentation.xml', 'a PowerPoint presentation (.pptx)'],
  ['content.xml', 'an OpenDocument file (.odt/.ods); save it as .docx or PDF'],
];

/** The PDF header may follow a little junk; readers (and pdf.js) look in the first KiB. */
const PDF_HEADER_WINDOW = 1024;

function unsupported(filename: string, what: string): DocumentError {
  const name = filename.length > 80 ? `${filename.slice(0, 77)}...` : filename;
  return new DocumentError('UNSUPPORTED_FILE', `"${name}" is ${what}, not a supported document. ${ACCEPTED}`);
}

function isPdf(data: Buffer): boolean {
  const at = data.subarray(0, PDF_HEADER_WINDOW).indexOf('%PDF-', 0, 'latin1');
  // Past offset 0, also ask for the end marker, so a text file that mentions "%PDF-" stays text.
  return at === 0 || (at > 0 && data.subarray(-1024).includes('%%EOF', 0, 'latin1'));
}

export function detectDocument(data: Buffer, filename: string): Detected {
  if (isPdf(data)) return { kind: 'pdf' };

  if (data.length >= 4 && data.readUInt32LE(0) === ZIP_LOCAL_SIGNATURE) {
    const entries = readZipEntries(data);
    if (entries.some((entry) => entry.name === 'word/document.xml')) return { kind: 'docx', entries };
    const other = OTHER_ZIP_FORMATS.find(([part]) => entries.some((entry) => entry.name === part));
    throw unsupported(
      filename,
      other ? other[1] : 'a ZIP archive without a Word document (word/document.xml)',
    );
  }

  const head = data.subarray(0, 8).toString('hex');
  const known = KNOWN_BINARIES.find(([prefix]) => head.startsWith(prefix));
  if (known) throw unsupported(filename, known[1]);

  return { kind: 'txt', text: decodeText(data, filename) };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Strict UTF-8: the BOM is dropped; NUL bytes or invalid sequences mean binary data. */
function decodeText(data: Buffer, filename: string): string {
  const body = data.subarray(0, 3).equals(UTF8_BOM) ? data.subarray(3) : data;
  if (body.includes(0)) throw unsupported(filename, 'binary data (it contains NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw unsupported(filename, 'neither a PDF nor a DOCX, and not valid UTF-8 text');
  }
}
