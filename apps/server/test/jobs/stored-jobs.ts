import { encodeInputChunk } from '../../src/services/jobs/chunk-codec.ts';
import { queuedJob } from '../../src/services/jobs/queued-job.ts';
import type { Job, JobRepository, NewChunk } from '../../src/storage/repositories.ts';

/**
 * Jobs stored straight into the repository, as an upload of reviews.csv leaves them, for tests of
 * the runner that need no HTTP upload in front of it.
 */

/** Rows `from`..`to` (1-based) of a one-column CSV of reviews, stored as the upload stores them. */
export function reviewChunk(index: number, from: number, to: number): NewChunk {
  const rows = [];
  for (let n = from; n <= to; n++) rows.push({ n, id: n, c: [`Review ${n}: the room was clean and quiet.`] });
  return {
    index,
    rowStart: from - 1,
    rowEnd: to,
    input: encodeInputChunk(rows, [{ field: 'text', index: 0 }]),
  };
}

/** A sentiment job on the `text` column of reviews.csv, its chunks written and sealed: ready to run. */
export async function storeSentimentJob(
  jobs: JobRepository,
  userId: string,
  chunks: readonly NewChunk[],
  now: number,
): Promise<Job> {
  const job = queuedJob(
    {
      userId,
      tool: 'sentiment',
      options: { settings: { column: 'text' }, explain: false, header: ['text'], ranked: false },
      inputName: 'reviews.csv',
      inputFormat: 'csv',
      inputBytes: 1,
    },
    now,
  );
  await jobs.create(job);
  await jobs.addChunks(job.id, chunks, now);
  const totalRows = chunks.reduce((rows, chunk) => rows + chunk.rowEnd - chunk.rowStart, 0);
  await jobs.seal(job.id, totalRows, now);
  return job;
}
