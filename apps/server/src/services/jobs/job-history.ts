import type { Job, Storage } from '../../storage/repositories.ts';

/**
 * Writes a finished job's one history entry: the counts, the file's name (when the user keeps
 * inputs) and the wall time. The entry and the job's "recorded" mark are written in one
 * transaction, so whichever process gets here first writes it and no other ever does — and a
 * process that stops in between leaves the job unmarked for the next sweep.
 */
export async function recordJobHistory(storage: Storage, job: Job, now: number): Promise<boolean> {
  return storage.transaction(async (repos) => {
    if (!(await repos.jobs.markHistoryRecorded(job.id))) return false;
    const user = await repos.users.findById(job.userId);
    if (user === undefined) return false;
    const finishedAt = job.finishedAt ?? now;
    await repos.history.insert({
      id: crypto.randomUUID(),
      userId: job.userId,
      tool: job.tool,
      source: 'job',
      inputExcerpt: user.storeInputs ? job.inputName : null,
      result: {
        job_id: job.id,
        status: job.status,
        total_rows: job.totalRows,
        rows_done: job.rowsDone,
        rows_failed: job.rowsFailed,
      },
      label: null,
      modelName: null,
      modelVersion: null,
      latencyMs: Math.max(0, finishedAt - (job.startedAt ?? job.createdAt)),
      items: job.status === 'done' ? (job.totalRows ?? job.rowsDone) : job.rowsDone,
      failed: job.rowsFailed,
      createdAt: finishedAt,
    });
    return true;
  });
}
