import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { BrowserClient, createKey } from '../helpers/app.ts';
import { multipart, type FilePart } from '../helpers/multipart.ts';

export interface JobJson {
  id: string;
  status: string;
  total_rows: number | null;
  rows_done: number;
  rows_failed: number;
  error: string | null;
  columns: string[];
  ranked: boolean;
}

/** GET /api/v1/jobs/:id over real HTTP, from a server process. */
export async function fetchJob(url: string, key: string, id: string): Promise<JobJson> {
  const response = await fetch(`${url}/api/v1/jobs/${id}`, { headers: { 'x-api-key': key } });
  return (await response.json()) as JobJson;
}

/** POST /api/v1/jobs over real HTTP to a server process; the job must be accepted (202). */
export async function postJobOverHttp(
  url: string,
  key: string,
  file: { data: string; filename: string },
  fields: Record<string, string>,
): Promise<JobJson> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.data]), file.filename);
  const response = await fetch(`${url}/api/v1/jobs`, {
    method: 'POST',
    body: form,
    headers: { 'x-api-key': key },
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as JobJson;
}

/** Whether a job has ended (done, failed or cancelled). */
export const jobEnded = (job: JobJson): boolean => !['queued', 'running'].includes(job.status);

/** Polls a server process's GET /jobs/:id until `done(job)` holds; returns that job. */
export async function pollJobOverHttp(
  url: string,
  key: string,
  id: string,
  done: (job: JobJson) => boolean = jobEnded,
  timeoutMs = 120_000,
): Promise<JobJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await fetchJob(url, key, id);
    if (done(current)) return current;
    if (Date.now() > deadline) throw new Error(`timed out; job is ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** POST /api/v1/jobs with an API key. */
export async function postJob(
  app: FastifyInstance,
  key: string,
  file: FilePart,
  fields: Record<string, string>,
) {
  const body = await multipart({ ...fields, file });
  return app.inject({
    method: 'POST',
    url: '/api/v1/jobs',
    payload: body.payload,
    headers: { ...body.headers, 'x-api-key': key },
  });
}

/** Polls GET /jobs/:id until the job ends (the runner works in the background). */
export async function waitForJob(
  app: FastifyInstance,
  key: string,
  id: string,
  timeoutMs = 60_000,
): Promise<JobJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${id}`,
      headers: { 'x-api-key': key },
    });
    const job = response.json<JobJson>();
    if (jobEnded(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Posts a job, which must be accepted (202), and waits for it to end. */
export async function runJob(
  app: FastifyInstance,
  key: string,
  file: FilePart,
  fields: Record<string, string>,
): Promise<JobJson> {
  const response = await postJob(app, key, file, fields);
  expect(response.statusCode, response.body).toBe(202);
  return waitForJob(app, key, response.json<JobJson>().id);
}

export async function download(app: FastifyInstance, key: string, id: string, format: 'csv' | 'jsonl') {
  return app.inject({
    method: 'GET',
    url: `/api/v1/jobs/${id}/result?format=${format}`,
    headers: { 'x-api-key': key },
  });
}

/** The job's result as JSON Lines, one parsed object a row, in the file's order. */
export async function downloadJsonl<Row>(app: FastifyInstance, key: string, id: string): Promise<Row[]> {
  const response = await download(app, key, id, 'jsonl');
  return response.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);
}

/** Signs a new user up (from `ip`, which keeps suites' rate limits apart) and returns their batch-scoped API key. */
export async function batchKey(app: FastifyInstance, ip: string, username: string): Promise<string> {
  const user = new BrowserClient(app, ip);
  await user.signup(username);
  return createKey(user, { name: 'batch', scopes: ['batch'] });
}
