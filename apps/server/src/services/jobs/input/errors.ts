import { AppError } from '../../errors.ts';

/** The envelope codes a job input can fail with, and the HTTP status each one is answered with. */
export const JOB_INPUT_ERROR_STATUS = {
  /** Not a format we read, or not UTF-8 text: an .xls, a PDF, UTF-16, bytes that are not UTF-8. */
  UNSUPPORTED_FILE: 415,
  /** Over a limit: rows, unpacked XLSX size, one record's length. */
  PAYLOAD_TOO_LARGE: 413,
  /** The file claims a format but cannot be read: an unclosed quote, a damaged or odd ZIP. */
  EXTRACTION_FAILED: 422,
  /** The file is readable but does not fit the request: a missing column or sheet, no header. */
  VALIDATION_ERROR: 400,
} as const;

export type JobInputErrorCode = keyof typeof JOB_INPUT_ERROR_STATUS;

/**
 * What went wrong, finer than the envelope code, for callers and tests that must tell the cases
 * apart (the message is for people and may change).
 */
export type JobInputProblem =
  | 'UNKNOWN_FORMAT'
  | 'WRONG_FORMAT'
  | 'BINARY_FILE'
  | 'UTF16'
  | 'INVALID_UTF8'
  | 'EMPTY_FILE'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'NO_OBJECT'
  | 'MISSING_SHEET'
  | 'ROW_LIMIT'
  | 'RECORD_TOO_LONG'
  | 'MALFORMED'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_INVALID'
  | 'READ_FAILED';

/**
 * A fatal input error: the whole file is refused with one clear message (a bad row is not fatal: it
 * becomes a row with `error`). An AppError, so a route can let the error handler send it as is.
 */
export class JobInputError extends AppError {
  override readonly name = 'JobInputError';

  constructor(
    override readonly code: JobInputErrorCode,
    readonly problem: JobInputProblem,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(JOB_INPUT_ERROR_STATUS[code], code, message, details);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
