import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../helpers/app.ts';
import { articlesCsv } from './fixtures.ts';
import { postJob, waitForJob, type JobJson } from './helpers.ts';

interface HistoryJson {
  source: string;
  tool: string;
  items: number;
  failed: number;
  result: { job_id?: string; status?: string } | null;
}

/**
 * Every file job is one entry in history and in analytics, with its counts: one entry however many
 * chunks and runner sweeps it went through, and a cancelled job too, with the rows it did.
 */
describe('file jobs in history and analytics', () => {
  let t: TestApp;
  let user: BrowserClient;
  let key = '';

  beforeAll(async () => {
    t = await createTestApp();
    user = new BrowserClient(t.app, '10.0.6.1');
    await user.signup('historian');
    key = await createKey(user, { name: 'batch', scopes: ['batch'] });
  });
  afterAll(() => t.close());

  async function upload(data: string, fields: Record<string, string>): Promise<string> {
    const response = await postJob(t.app, key, { data, filename: 'rows.csv' }, fields);
    expect(response.statusCode, response.body).toBe(202);
    return response.json<JobJson>().id;
  }

  async function jobEntries(): Promise<HistoryJson[]> {
    const history = (await user.request('GET', '/api/v1/history?limit=100')).json<{ data: HistoryJson[] }>();
    return history.data.filter((entry) => entry.source === 'job');
  }

  it('records one entry per job with its counts, and analytics counts it once with its rows', async () => {
    // 2,500 rows: three chunks, each committed on its own.
    const rows = Array.from({ length: 2500 }, (_, i) => (i % 500 === 0 ? '""' : `"review ${i}: lovely"`));
    const id = await upload(`text\n${rows.join('\n')}\n`, { tool: 'sentiment' });
    const job = await waitForJob(t.app, key, id);
    expect(job).toMatchObject({ status: 'done', rows_done: 2500, rows_failed: 5 });

    // Let the runner's history sweep (every 200 ms here) pass over the finished job a few times.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const entries = (await jobEntries()).filter((entry) => entry.result?.job_id === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tool: 'sentiment',
      items: 2500,
      failed: 5,
      result: { status: 'done' },
    });

    const analytics = (await user.request('GET', '/api/v1/analytics')).json<{
      totals: { calls: number; items: number };
      per_tool: Record<string, number>;
      per_day: { calls: number; items: number; failed: number }[];
    }>();
    expect(analytics.totals).toMatchObject({ calls: 1, items: 2500 });
    expect(analytics.per_tool).toEqual({ sentiment: 1 });
    expect(analytics.per_day.filter((day) => day.calls > 0)).toEqual([
      expect.objectContaining({ calls: 1, items: 2500, failed: 5 }),
    ]);
  });

  it('records a cancelled job once, with the rows it did', async () => {
    const id = await upload(articlesCsv(500, 40), { tool: 'summarize' });
    // Cancelled while the runner holds chunks of it, which then still commit their rows.
    const runner = t.app.services.jobRunner;
    for (const deadline = Date.now() + 10_000; (runner?.busy ?? 0) === 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: { 'x-api-key': key },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    // Wait for the runner to go idle.
    for (const deadline = Date.now() + 60_000; (runner?.busy ?? 0) > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const job = await waitForJob(t.app, key, id);
    let entries: HistoryJson[] = [];
    for (const deadline = Date.now() + 10_000; entries.length === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      entries = (await jobEntries()).filter((entry) => entry.result?.job_id === id);
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    entries = (await jobEntries()).filter((entry) => entry.result?.job_id === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tool: 'summarize',
      items: job.rows_done,
      failed: 0,
      result: { status: 'cancelled' },
    });
  });
});
