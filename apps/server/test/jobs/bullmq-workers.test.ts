import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import type { TextaiProcess } from '../helpers/processes.ts';
import { batchKey, downloadJsonl, postJob, waitForJob } from './helpers.ts';
import { reviewsCsv } from './fixtures.ts';
import { WorkerFleet, workerSuiteSkipReason } from './worker-processes.ts';

const skipReason = await workerSuiteSkipReason('the BullMQ worker tests');

const ROWS = 20_000;

/**
 * The scale-out path for real: the API process queues a job through BullMQ (Redis at 127.0.0.1:6379)
 * and two `textai worker` processes sharing one PostgreSQL database run its chunks in parallel,
 * while the API process streams the job's progress as Server-Sent Events.
 */
describe.skipIf(skipReason !== null)('BullMQ and two worker processes', { timeout: 180_000 }, () => {
  const fleet = new WorkerFleet('test');
  let t: TestApp;
  let workers: TextaiProcess[] = [];

  beforeAll(async () => {
    t = await fleet.open({ USER_DAILY_ROWS: '100000' });
    workers = await Promise.all([fleet.start(), fleet.start()]);
  });
  afterAll(() => fleet.close());

  it('shares one job between the workers; each row is done once; progress streams from the API process; SIGTERM stops them cleanly', async () => {
    expect(t.app.services.jobRunner).toBeUndefined(); // the API process runs nothing itself
    const key = await batchKey(t.app, '10.1.0.1', 'scaleout');

    const response = await postJob(
      t.app,
      key,
      { data: reviewsCsv(ROWS), filename: 'reviews.csv' },
      { tool: 'sentiment', explain: 'true' },
    );
    expect(response.statusCode, response.body).toBe(202);
    const id = response.json<{ id: string }>().id;
    // Progress streamed by the API process, which runs none of the job: read from the database.
    const streaming = t.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${id}/events`,
      headers: { 'x-api-key': key },
    });
    const job = await waitForJob(t.app, key, id, 120_000);
    expect(job).toMatchObject({ status: 'done', rows_done: ROWS, rows_failed: 0 });
    const events = await streaming;
    expect(events.headers['content-type']).toContain('text/event-stream');
    const progress = [...events.body.matchAll(/event: progress\ndata: (.*)\n/g)].map(
      (m) => JSON.parse(m[1] ?? '{}') as { status: string; rows_done: number },
    );
    expect(progress[0]?.rows_done).toBeLessThan(ROWS);
    const done = progress.map((p) => p.rows_done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ status: 'done', rows_done: ROWS });
    expect(events.body).toMatch(/event: end\ndata: .*"status":"done"/);

    const chunks = await t.storage.jobs.chunkStates(job.id);
    expect(chunks.every((c) => c.status === 'done')).toBe(true);
    const pids = new Set(chunks.map((c) => c.doneBy?.split('-')[0]));
    expect(pids).toEqual(new Set(workers.map((w) => String(w.child.pid))));

    const rows = await downloadJsonl<{ row: number; label?: string }>(t.app, key, job.id);
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(rows.every((r) => r.label !== undefined)).toBe(true);

    for (const worker of workers) worker.child.kill('SIGTERM');
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
  });
});
