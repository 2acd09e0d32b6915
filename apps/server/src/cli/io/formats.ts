import { extname } from 'node:path';
import { CliError } from '../errors.ts';

export const INPUT_FORMATS = ['jsonl', 'csv', 'tsv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type OutputFormat = InputFormat;

const BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'tsv',
};

/** The input format: `--format` when given, else the file's extension. */
export function inputFormatOf(path: string, override: InputFormat | undefined): InputFormat {
  if (override !== undefined) return override;
  const format = BY_EXTENSION[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new CliError(
      `cannot tell the format of ${path} from its extension; name it .jsonl, .csv or .tsv, or pass --format jsonl|csv|tsv`,
    );
  }
  return format;
}

/** The output format: a table for .csv/.tsv, JSON Lines for anything else (stdout included). */
export function outputFormatOf(path: string | undefined): OutputFormat {
  if (path === undefined) return 'jsonl';
  const format = BY_EXTENSION[extname(path).toLowerCase()];
  return format ?? 'jsonl';
}
