import type { Job, Storage } from '../../storage/repositories.ts';

/**
 * Writes a finished job's one history entry: the counts, the file's name (when the user keeps
 * inputs) and the wall time. The entry and the job's "recorded" mark are written in one
 * transaction, so whichever process gets here first writes it and no other ever does — and a
 * process that stops in between leaves the job unmarked for the next sweep.
 *
 * A cancelled or failed job ends while chunks are still in hand, and those still commit their
 * rows: until they have (or their leases ran out, their process gone), nothing is written and a
 * later sweep tries again, so the entry carries the job's final counts, read after the mark.
 */
export async function recordJobHistory(storage: Storage, ended: Job, now: number): Promise<boolean> {
  return storage.transaction(async (repos) => {
    if ((await repos.jobs.chunksInHand(ended.id, now)) > 0) return false;
    if (!(await repos.jobs.markHistoryRecorded(ended.id))) return false;
    const job = (await repos.jobs.getById(ended.id)) ?? ended;
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
