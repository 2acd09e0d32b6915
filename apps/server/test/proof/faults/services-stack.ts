import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requirePostgres } from '../../helpers/databases.ts';
import { apiKeyFor, startServerProcess, startTextai, type TextaiProcess } from '../../helpers/processes.ts';
import { requireRedis } from '../../helpers/redis.ts';
import {
  createPrivatePostgres,
  privatePostgresUnavailableReason,
  type PrivatePostgres,
} from './private-postgres.ts';
import { createPrivateRedis, privateRedisUnavailableReason, type PrivateRedis } from './private-redis.ts';
import type { LoadTarget } from './services-load.ts';

/**
 * Why the services stack cannot run here (null when it can), printed once. CI (REQUIRE_POSTGRES=1,
 * REQUIRE_REDIS=1) has the servers' binaries: a skip there would hide a gap, so it throws instead.
 */
export function servicesStackSkipReason(tests: string): string | null {
  const reason = privatePostgresUnavailableReason() ?? privateRedisUnavailableReason();
  if (reason !== null && requirePostgres && requireRedis)
    throw new Error(`the ${tests} cannot run: ${reason}`);
  if (reason !== null) console.warn(`skipping the ${tests}: ${reason}`);
  return reason;
}

/**
 * The scale-out deployment on one machine, with services the test may stop: a private PostgreSQL
 * and a private Redis, one `textai serve` and one `textai worker` (with REDIS_URL the server runs
 * no jobs itself: BullMQ wakes the worker), and a user with an API key.
 */
export interface ServicesStack {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  server: TextaiProcess;
  worker: TextaiProcess;
  target: LoadTarget;
  /** The admin's API key: admins are not metered, so their calls do not wait on Redis's counters. */
  adminKey: string;
  close(): Promise<void>;
}

const PASSWORD = 'correct horse battery staple';
const ADMIN_PASSWORD = 'operator password for the fault tests';

export async function startServicesStack(): Promise<ServicesStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textai-faults-services-'));
  const parts: Partial<Omit<ServicesStack, 'target' | 'close'>> = {};
  const close = async () => {
    for (const child of [parts.server, parts.worker]) child?.child.kill('SIGKILL');
    await Promise.all([parts.server?.exited, parts.worker?.exited]);
    await Promise.all([parts.postgres?.remove(), parts.redis?.remove()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Both are awaited, so that one failing to start never leaves the other running.
    const [pgStart, redisStart] = await Promise.allSettled([createPrivatePostgres(), createPrivateRedis()]);
    if (pgStart.status === 'fulfilled') parts.postgres = pgStart.value;
    if (redisStart.status === 'fulfilled') parts.redis = redisStart.value;
    if (pgStart.status === 'rejected') throw pgStart.reason;
    if (redisStart.status === 'rejected') throw redisStart.reason;
    const { value: postgres } = pgStart;
    const { value: redis } = redisStart;
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      USER_RATE_LIMIT: '1000000',
      USER_DAILY_ROWS: '1000000',
      BCRYPT_COST: '4',
      // A chunk whose commit the outage broke is taken again this soon, not after two minutes.
      JOB_LEASE_SEC: '5',
      WORKER_CONCURRENCY: '1',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD,
      LOG_LEVEL: 'info',
    };
    const { process: server, url } = await startServerProcess(env);
    parts.server = server;
    const worker = startTextai(['worker'], env);
    parts.worker = worker;
    await worker.waitFor(/TextAI worker is ready/, 90_000);
    const username = 'faultload';
    await signUp(url, username, PASSWORD);
    const apiKey = await apiKeyFor(url, username, PASSWORD);
    const adminKey = await apiKeyFor(url, 'admin', ADMIN_PASSWORD);
    return {
      postgres,
      redis,
      server,
      worker,
      target: { url, apiKey, username, password: PASSWORD },
      adminKey,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function signUp(url: string, username: string, password: string): Promise<void> {
  const csrf = await fetch(`${url}/api/v1/auth/csrf`);
  const [cookie = ''] = csrf.headers.getSetCookie().map((header) => header.split(';')[0]);
  const { csrf_token: token } = (await csrf.json()) as { csrf_token: string };
  const response = await fetch(`${url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
    body: JSON.stringify({ username, email: `${username}@example.org`, password }),
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
}

/** GET /readyz: its status and body. */
export async function readiness(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls /readyz until it answers 200; resolves with the milliseconds that took. */
export async function waitUntilReady(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ready = await readiness(url).catch(() => undefined);
    if (ready?.status === 200) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`/readyz not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls /readyz until it answers 503; resolves with its body. */
export async function waitUntilNotReady(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const started = Date.now();
  for (;;) {
    const ready = await readiness(url).catch((error: unknown) => ({
      status: 0,
      body: { error: String(error) },
    }));
    if (ready.status === 503) return ready.body;
    if (Date.now() - started > timeoutMs)
      throw new Error(`/readyz not 503 after ${timeoutMs} ms: ${ready.status} ${JSON.stringify(ready.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads a CSV as a file job (sentiment over its `text` column); resolves with the job's id. */
export async function submitJob(target: LoadTarget, csv: string): Promise<string> {
  const form = new FormData();
  form.set('tool', 'sentiment');
  form.set('column', 'text');
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'reviews.csv');
  const response = await fetch(`${target.url}/api/v1/jobs`, {
    method: 'POST',
    headers: { 'x-api-key': target.apiKey },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 202)
    throw new Error(`job upload failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export interface JobState {
  status: string;
  rows_done: number;
  rows_failed: number;
  total_rows: number | null;
}

/** The job's state now. */
export async function jobState(target: LoadTarget, id: string): Promise<JobState> {
  const response = await fetch(`${target.url}/api/v1/jobs/${id}`, {
    headers: { 'x-api-key': target.apiKey },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`job state: ${response.status} ${await response.text()}`);
  return (await response.json()) as JobState;
}

/** Polls the job until a worker has committed some of its rows; resolves with that state. */
export async function waitForJobProgress(
  target: LoadTarget,
  id: string,
  timeoutMs = 60_000,
): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await jobState(target, id);
    if (state.rows_done > 0) return state;
    if (Date.now() > deadline) throw new Error(`job ${id} made no progress within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls the job until it ends (errors while a service is away are retried). */
export async function waitForJobEnd(target: LoadTarget, id: string, timeoutMs: number): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${target.url}/api/v1/jobs/${id}`, {
      headers: { 'x-api-key': target.apiKey },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    if (response?.status === 200) {
      const job = (await response.json()) as JobState;
      if (!['queued', 'running'].includes(job.status)) return job;
    }
    if (Date.now() > deadline) throw new Error(`job ${id} did not end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The row numbers of the job's JSONL result, in file order. */
export async function resultRows(target: LoadTarget, id: string): Promise<number[]> {
  const response = await fetch(`${target.url}/api/v1/jobs/${id}/result?format=jsonl`, {
    headers: { 'x-api-key': target.apiKey },
  });
  if (response.status !== 200) throw new Error(`result download failed: ${response.status}`);
  return (await response.text())
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { row: number }).row);
}

/** The input excerpts of every history entry of the target's user. */
export async function historyExcerpts(target: LoadTarget): Promise<string[]> {
  const response = await fetch(`${target.url}/api/v1/history/export?format=json`, {
    headers: { 'x-api-key': target.apiKey },
  });
  if (response.status !== 200) throw new Error(`history export failed: ${response.status}`);
  const body = (await response.json()) as
    { input_excerpt: string | null }[] | { data: { input_excerpt: string | null }[] };
  const entries = Array.isArray(body) ? body : body.data;
  return entries.map((entry) => entry.input_excerpt ?? '');
}
