/**
 * Errors of document text extraction. Each carries the error-envelope `code` and the HTTP status the
 * server answers with, so a route can hand it to the error handler unchanged.
 */

export const DOCUMENT_ERROR_STATUS = {
  /** Not a PDF, DOCX or UTF-8 text file, judged by its bytes (an .exe, an XLSX, a legacy .doc, …). */
  UNSUPPORTED_FILE: 415,
  /** Over a limit: file bytes, PDF pages, unpacked DOCX size, or extracted characters. */
  PAYLOAD_TOO_LARGE: 413,
  /** The file claims a supported type but cannot be read (corrupt, encrypted, malformed ZIP). */
  EXTRACTION_FAILED: 422,
  /**
   * Extraction took longer than `timeoutMs`. 422 rather than 504: the time is spent on this document
   * (a pathological or hostile file), so sending the same file again would not help, and no upstream
   * gateway is involved.
   */
  EXTRACTION_TIMEOUT: 422,
  /** The document holds no text (for example a scanned PDF: there is no OCR). */
  EMPTY_TEXT: 422,
} as const;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERROR_STATUS;

export type DocumentErrorDetails = Record<string, string | number>;

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  readonly code: DocumentErrorCode;
  readonly statusCode: number;
  /** Small, safe facts for the envelope's `details` (limits and measured values), never file content. */
  readonly details: DocumentErrorDetails | undefined;

  constructor(code: DocumentErrorCode, message: string, details?: DocumentErrorDetails) {
    super(message);
    this.code = code;
    this.statusCode = DOCUMENT_ERROR_STATUS[code];
    this.details = details;
  }
}

export function isDocumentErrorCode(value: unknown): value is DocumentErrorCode {
  return typeof value === 'string' && Object.hasOwn(DOCUMENT_ERROR_STATUS, value);
}
