import { z } from 'zod';
import { isoTime, pageQuery, pagination, toolName } from './common.ts';

/** Multipart form fields are text: numbers and flags arrive as strings and are coerced here. */
const count = (max: number) => z.coerce.number().int().min(1).max(max).optional();
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const columnName = z.string().trim().min(1).max(200).optional();

/**
 * The fields of `POST /jobs` besides the file. `column` names the text column (sentiment,
 * summarize, fake-news; default `text`); job-match takes `resume_column` and `job_column`, or
 * `job_description` (one job against a column of résumés, ranked).
 */
export const jobCreateFields = z
  .strictObject({
    tool: toolName,
    column: columnName,
    title_column: columnName,
    resume_column: columnName,
    job_column: columnName,
    job_description: z.string().min(1).optional(),
    sentences: count(1000),
    ratio: z.coerce.number().gt(0).max(1).optional(),
    max_length: count(100_000),
    min_length: count(100_000),
    explain: flag,
    format: z.enum(['csv', 'tsv', 'jsonl', 'xlsx']).optional(),
    delimiter: z.enum([',', ';', '\t', '|', 'tab']).optional(),
    sheet: z.string().min(1).max(100).optional(),
  })
  .refine((f) => f.min_length === undefined || f.max_length === undefined || f.min_length <= f.max_length, {
    message: 'min_length must not be greater than max_length',
    path: ['min_length'],
  })
  // The two job-match modes: with both, one of them would be silently ignored.
  .refine((f) => f.job_column === undefined || f.job_description === undefined, {
    message:
      'give job_column (a job description on each row) or job_description (one for every row), not both',
    path: ['job_column'],
  });
export type JobCreateFields = z.infer<typeof jobCreateFields>;

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const jobStatus = z.enum(JOB_STATUSES);

export const jobView = z
  .object({
    id: z.string(),
    tool: toolName,
    status: jobStatus,
    file: z.object({ name: z.string(), format: z.string(), bytes: z.number().int() }),
    columns: z.array(z.string()).describe('the columns of the uploaded file'),
    ranked: z.boolean().describe('job-match against one job description: results carry a rank'),
    total_rows: z.number().int().nullable(),
    rows_done: z.number().int(),
    rows_failed: z.number().int(),
    progress: z.number().describe('0..1'),
    rows_per_second: z.number().nullable(),
    eta_seconds: z.number().nullable(),
    error: z.string().nullable(),
    created_at: isoTime,
    started_at: isoTime.nullable(),
    finished_at: isoTime.nullable(),
    expires_at: isoTime.nullable().describe('when a finished job and its results are deleted'),
  })
  .meta({ id: 'Job' });
export type JobView = z.infer<typeof jobView>;

export const jobListQuery = pageQuery;
export const jobListResponse = z.object({ data: z.array(jobView), pagination });
export const jobResultQuery = z.object({ format: z.enum(['csv', 'jsonl']).default('csv') });
