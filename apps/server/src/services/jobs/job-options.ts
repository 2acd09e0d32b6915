import { z } from 'zod';
import type { JobCreateFields } from '@textai/contracts';
import type { ToolSettings } from '../../tools/types.ts';
import type { CsvDelimiter } from './input/index.ts';

/** What a job keeps of its request (jobs.options): enough for any worker to run it and to present it. */
export interface JobOptions {
  settings: ToolSettings;
  explain: boolean;
  /** The uploaded file's columns, in order: the first columns of the results. */
  header: string[];
  /** job-match against one job description: the results carry each résumé's rank. */
  ranked: boolean;
}

/** The adapters' settings from the form fields (the same names as the CLI's options). */
export function toolSettingsOf(fields: JobCreateFields): ToolSettings {
  const summarize = {
    ...(fields.sentences === undefined ? {} : { sentences: fields.sentences }),
    ...(fields.ratio === undefined ? {} : { ratio: fields.ratio }),
    ...(fields.max_length === undefined ? {} : { max_length: fields.max_length }),
    ...(fields.min_length === undefined ? {} : { min_length: fields.min_length }),
  };
  return {
    column: fields.column ?? 'text',
    titleColumn: fields.title_column,
    title: undefined,
    resumeColumn: fields.resume_column,
    jobColumn: fields.job_column,
    jobDescription: fields.job_description,
    summarize,
  };
}

export function delimiterOf(fields: JobCreateFields): CsvDelimiter | undefined {
  return fields.delimiter === 'tab' ? '\t' : fields.delimiter;
}

const optionalText = z.string().optional();
const storedOptions = z.object({
  settings: z.object({
    column: z.string(),
    titleColumn: optionalText,
    resumeColumn: optionalText,
    jobColumn: optionalText,
    jobDescription: optionalText,
    summarize: z
      .object({
        sentences: z.number().optional(),
        ratio: z.number().optional(),
        max_length: z.number().optional(),
        min_length: z.number().optional(),
      })
      .optional(),
  }),
  explain: z.boolean(),
  header: z.array(z.string()),
  ranked: z.boolean(),
});

/** Reads jobs.options back; written by this code, so a mismatch is a bug or a hand-edited row. */
export function readJobOptions(options: Record<string, unknown>): JobOptions {
  const parsed = storedOptions.parse(options);
  const s = parsed.settings;
  return {
    ...parsed,
    settings: {
      column: s.column,
      titleColumn: s.titleColumn,
      title: undefined,
      resumeColumn: s.resumeColumn,
      jobColumn: s.jobColumn,
      jobDescription: s.jobDescription,
      summarize: {
        ...(s.summarize?.sentences === undefined ? {} : { sentences: s.summarize.sentences }),
        ...(s.summarize?.ratio === undefined ? {} : { ratio: s.summarize.ratio }),
        ...(s.summarize?.max_length === undefined ? {} : { max_length: s.summarize.max_length }),
        ...(s.summarize?.min_length === undefined ? {} : { min_length: s.summarize.min_length }),
      },
    },
  };
}
