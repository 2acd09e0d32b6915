import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApp } from '../../helpers/app.ts';
import { multipart } from '../../helpers/multipart.ts';

/**
 * Real ids the fuzz puts in path parameters besides hostile ones: a finished job and a history
 * entry of the fuzz's user, so the handlers behind /jobs/:id… and /history/:id also run on
 * resources that exist (with hostile query strings and bodies), not only on 404s.
 */
export async function createOwnedResources(t: TestApp, headers: Record<string, string>): Promise<string[]> {
  const analysed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sentiment',
    headers,
    payload: { text: 'A history entry for the fuzz to find.' },
  });
  if (analysed.statusCode !== 200) throw new Error(`sentiment failed: ${analysed.body}`);
  const upload = await multipart({
    tool: 'sentiment',
    column: 'text',
    file: { data: 'text\nI love it\nThis is bad\n', filename: 'rows.csv', type: 'text/csv' },
  });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/jobs',
    headers: { ...headers, ...upload.headers },
    payload: upload.payload,
  });
  if (created.statusCode !== 202) throw new Error(`job upload failed: ${created.body}`);
  const jobId = (created.json() as { id: string }).id;
  // A finished job: its event stream ends at once instead of following the job.
  for (let waited = 0; ; waited += 100) {
    const job = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers });
    if ((job.json() as { status: string }).status === 'done') break;
    if (waited > 60_000) throw new Error(`job ${jobId} did not finish: ${job.body}`);
    await sleep(100);
  }
  await t.app.services.history.flush();
  const history = await t.app.inject({ method: 'GET', url: '/api/v1/history', headers });
  const entries = (history.json() as { data: { id: string }[] }).data;
  return [jobId, ...entries.map((entry) => entry.id)];
}
