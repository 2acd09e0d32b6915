import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { articlesCsv } from './fixtures.ts';
import { batchKey, downloadJsonl, postJob, waitForJob, type JobJson } from './helpers.ts';
import { WorkerFleet, workerSuiteSkipReason } from './worker-processes.ts';

const skipReason = await workerSuiteSkipReason('the worker crash test');

const ROWS = 1000;

/**
 * Crash safety of a `textai worker` (the server's is in crash-resume.test.ts): a worker killed with
 * SIGKILL in the middle of a job leaves its chunks leased; once the leases run out another worker
 * takes them, and the job ends with every row exactly once. A worker stopped with SIGTERM leaves
 * no chunk leased, and exits 0.
 */
describe.skipIf(skipReason !== null)('a worker stopped in the middle of a job', { timeout: 240_000 }, () => {
  const fleet = new WorkerFleet('crash');
  let t: TestApp;

  beforeAll(async () => {
    // Short leases, so that the next worker takes the dead one's chunks soon.
    t = await fleet.open({}, { JOB_LEASE_SEC: '2' });
  });
  afterAll(() => fleet.close());

  async function jobNow(key: string, id: string): Promise<JobJson> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${id}`,
      headers: { 'x-api-key': key },
    });
    return response.json<JobJson>();
  }

  /** A summary of each of ROWS articles: long enough a job to stop a worker in the middle of it. */
  async function postArticlesJob(key: string): Promise<string> {
    const response = await postJob(
      t.app,
      key,
      { data: articlesCsv(ROWS, 30), filename: 'articles.csv' },
      { tool: 'summarize', sentences: '2' },
    );
    expect(response.statusCode, response.body).toBe(202);
    return response.json<JobJson>().id;
  }

  /** The row numbers a finished job's result holds: each once, in order. */
  const everyRow = Array.from({ length: ROWS }, (_, i) => i + 1);

  it('resumes on another worker from the last committed chunk, every row once', async () => {
    expect(t.app.services.jobRunner).toBeUndefined(); // the API process runs nothing itself
    const key = await batchKey(t.app, '10.1.0.9', 'crashworker');

    const first = await fleet.start();
    const id = await postArticlesJob(key);

    let midway = await jobNow(key, id);
    for (const deadline = Date.now() + 120_000; midway.rows_done === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      midway = await jobNow(key, id);
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(midway.rows_done).toBeGreaterThan(0);
    expect(midway.rows_done).toBeLessThan(ROWS);
    // The dead worker holds chunks under leases that have not run out yet.
    const held = await t.storage.jobs.chunkStates(id);
    expect(held.some((chunk) => chunk.status === 'running')).toBe(true);

    const second = await fleet.start();
    const job = await waitForJob(t.app, key, id, 180_000);
    expect(job).toMatchObject({ status: 'done', rows_done: ROWS, rows_failed: 0 });

    const lines = await downloadJsonl<{ row: number; summary?: string }>(t.app, key, id);
    expect(lines.map((line) => line.row)).toEqual(everyRow);
    expect(lines.every((line) => typeof line.summary === 'string' && line.summary.length > 0)).toBe(true);

    const chunks = await t.storage.jobs.chunkStates(id);
    expect(chunks.every((chunk) => chunk.status === 'done')).toBe(true);
    const pids = new Set(chunks.map((chunk) => chunk.doneBy?.split('-')[0]));
    expect(pids).toEqual(new Set([String(first.child.pid), String(second.child.pid)]));
  });
  it('on SIGTERM finishes or hands back its chunks and exits 0; another worker ends the job', async () => {
    const key = await batchKey(t.app, '10.1.0.10', 'stopworker');
    fleet.killAll();

    const stopping = await fleet.start();
    const id = await postArticlesJob(key);
    for (const deadline = Date.now() + 120_000; (await jobNow(key, id)).rows_done === 0;) {
      if (Date.now() > deadline) throw new Error('no rows done in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    stopping.child.kill('SIGTERM');
    expect((await stopping.exited).code).toBe(0);
    // Nothing is left leased: each chunk it held was committed or handed back.
    const after = await t.storage.jobs.chunkStates(id);
    expect(after.some((chunk) => chunk.status === 'running')).toBe(false);
    const stopped = await jobNow(key, id);
    expect(stopped.rows_done).toBe(after.filter((chunk) => chunk.status === 'done').length * 50);
    expect(stopped.rows_done).toBeLessThan(ROWS);

    await fleet.start();
    const job = await waitForJob(t.app, key, id, 180_000);
    expect(job).toMatchObject({ status: 'done', rows_done: ROWS, rows_failed: 0 });
    const rows = await downloadJsonl<{ row: number }>(t.app, key, id);
    expect(rows.map((line) => line.row)).toEqual(everyRow);
  });
});
