/** Streaming readers of batch-job input files (CSV, TSV, JSON Lines, XLSX). */
export { openJobInput } from './open-job-input.ts';
export type { JobInput, JobInputOptions, JobInputPreview, JobInputSource } from './open-job-input.ts';
export { JobInputError, JOB_INPUT_ERROR_STATUS } from './errors.ts';
export type { JobInputErrorCode, JobInputProblem } from './errors.ts';
export { CSV_DELIMITERS, JOB_INPUT_FORMATS, detectDelimiter, formatFromName, sniffFormat } from './format.ts';
export type { CsvDelimiter, JobInputFormat, SniffedFormat } from './format.ts';
export type { JobInputRow } from './table.ts';
