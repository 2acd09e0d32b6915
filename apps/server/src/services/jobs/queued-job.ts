import type { Job } from '../../storage/repositories.ts';

/** What a job is asked to do, and on which upload: all of a new job that is not a default. */
export type JobRequest = Pick<
  Job,
  'userId' | 'tool' | 'options' | 'inputName' | 'inputFormat' | 'inputBytes'
>;

/**
 * A job as it is first stored: queued, with a fresh id, no rows counted, run or failed yet. One
 * place for these defaults, so that the upload path and tests that store jobs directly agree.
 */
export function queuedJob(request: JobRequest, now: number): Job {
  return {
    id: crypto.randomUUID(),
    ...request,
    status: 'queued',
    totalRows: null,
    rowsDone: 0,
    rowsFailed: 0,
    error: null,
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
  };
}
