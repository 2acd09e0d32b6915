import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { retentionRun } from '../scheduler/helpers.ts';
import { batchKey, download, runJob } from './helpers.ts';

const DAY = 86_400_000;

/**
 * JOB_RETENTION_DAYS as set (not the default of 7): a finished job says when it expires, its
 * results stay downloadable until then, and the hourly retention task a server schedules deletes
 * it after.
 */
describe('job retention', () => {
  let t: TestApp;
  let key = '';

  beforeAll(async () => {
    t = await createTestApp({ JOB_RETENTION_DAYS: '2' });
    key = await batchKey(t.app, '10.0.4.1', 'keeper');
  });
  afterAll(() => t.close());

  it('keeps a finished job JOB_RETENTION_DAYS, then the scheduled retention deletes it', async () => {
    const job = await runJob(
      t.app,
      key,
      { data: 'text\nkept for two days\n', filename: 'short-lived.csv' },
      { tool: 'sentiment' },
    );
    const view = (
      await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { 'x-api-key': key } })
    ).json<{ finished_at: string; expires_at: string }>();
    expect(Date.parse(view.expires_at) - Date.parse(view.finished_at)).toBe(2 * DAY);

    // A day and a half later the job and its results are still there: the purge the retention
    // task runs finds nothing to delete.
    t.clock.advance(1.5 * DAY);
    expect(await t.app.services.jobs.purgeExpired()).toBe(0);
    expect((await download(t.app, key, job.id, 'csv')).statusCode).toBe(200);

    t.clock.advance(DAY);
    const run = await retentionRun(t);
    expect(run.errors).toEqual([]);
    expect(run.purged).toMatchObject({ jobs: 1 });
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${job.id}`,
      headers: { 'x-api-key': key },
    });
    expect(gone.statusCode).toBe(404);
    expect(await t.storage.jobs.chunkStates(job.id)).toEqual([]);
  });
});
