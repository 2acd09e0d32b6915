import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/index.ts';
import { apiKeyFor, startServerProcess, type TextaiProcess } from '../helpers/processes.ts';
import { articlesCsv } from './fixtures.ts';
import { fetchJob as job, pollJobOverHttp, postJobOverHttp } from './helpers.ts';

const ADMIN = { username: 'operator', password: 'a long passphrase for crash tests 42' };
const ROWS = 3000;

/**
 * Crash safety with real processes: a server killed with SIGKILL in the middle of a job resumes it
 * after a restart from its last committed chunk (no row lost, none twice); a server stopped with
 * SIGTERM finishes or hands back the chunks it holds and exits 0.
 */
describe('a job across a crash and a graceful stop', { timeout: 240_000 }, () => {
  let dataDir = '';
  let env: Record<string, string> = {};
  const running = new Set<TextaiProcess>();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'textai-crash-'));
    env = {
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      SECRET_KEY: 'crash-test-secret-0123456789abcdef0123456789',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      BCRYPT_COST: '4',
      MAX_UPLOAD_MB: '50',
      // One thread, and leases short enough that a restarted server takes the dead one's chunks soon.
      WORKER_CONCURRENCY: '1',
      JOB_LEASE_SEC: '2',
    };
  });
  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start() {
    const server = await startServerProcess(env);
    running.add(server.process);
    return server;
  }

  /** A summary of each of ROWS articles: long enough a job to kill the server in the middle of it. */
  const upload = (url: string, key: string) =>
    postJobOverHttp(
      url,
      key,
      { data: articlesCsv(ROWS), filename: 'articles.csv' },
      { tool: 'summarize', sentences: '2' },
    );

  it('resumes after SIGKILL from the last committed chunk, every row exactly once', async () => {
    const first = await start();
    const key = await apiKeyFor(first.url, ADMIN.username, ADMIN.password);
    const created = await upload(first.url, key);
    expect(created.total_rows).toBe(ROWS);

    const midway = await pollJobOverHttp(first.url, key, created.id, (j) => j.rows_done > 0);
    first.process.child.kill('SIGKILL');
    expect((await first.process.exited).signal).toBe('SIGKILL');
    running.delete(first.process);
    expect(midway.rows_done).toBeLessThan(ROWS);

    const second = await start();
    const afterRestart = await job(second.url, key, created.id);
    // Nothing committed before the kill was lost.
    expect(afterRestart.rows_done).toBeGreaterThanOrEqual(midway.rows_done);
    const finished = await pollJobOverHttp(second.url, key, created.id);
    expect(finished).toMatchObject({ status: 'done', rows_done: ROWS, rows_failed: 0 });

    const result = await fetch(`${second.url}/api/v1/jobs/${created.id}/result?format=jsonl`, {
      headers: { 'x-api-key': key },
    });
    const lines = (await result.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { row: number; id: string; summary?: string });
    expect(lines).toHaveLength(ROWS);
    expect(lines.map((l) => l.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    expect(new Set(lines.map((l) => l.id)).size).toBe(ROWS);
    expect(lines.every((l) => typeof l.summary === 'string' && l.summary.length > 0)).toBe(true);

    // The killed server's chunks were taken again by the new one; both appear as completers.
    const storage = openStorage({ kind: 'sqlite', file: path.join(dataDir, 'textai.db') });
    try {
      const chunks = await storage.jobs.chunkStates(created.id);
      expect(chunks.every((c) => c.status === 'done')).toBe(true);
      const pids = new Set(chunks.map((c) => c.doneBy?.split('-')[0]));
      expect(pids.has(String(second.process.child.pid))).toBe(true);
    } finally {
      await storage.close();
    }

    // SIGTERM in the middle of a second job: the server finishes or hands back its chunk and exits 0.
    const next = await upload(second.url, key);
    await pollJobOverHttp(second.url, key, next.id, (j) => j.rows_done > 0);
    second.process.child.kill('SIGTERM');
    expect((await second.process.exited).code).toBe(0);
    running.delete(second.process);
    const after = openStorage({ kind: 'sqlite', file: path.join(dataDir, 'textai.db') });
    try {
      const chunks = await after.jobs.chunkStates(next.id);
      expect(chunks.some((c) => c.status === 'running')).toBe(false);
      const stored = await after.jobs.getById(next.id);
      const doneChunks = chunks.filter((c) => c.status === 'done').length;
      expect(stored?.rowsDone).toBe(Math.min(ROWS, doneChunks * 50));
      expect(stored?.rowsDone).toBeLessThan(ROWS);
    } finally {
      await after.close();
    }
  });
});
