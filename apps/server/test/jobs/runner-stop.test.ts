import { describe, expect, it } from 'vitest';
import { ThreadPoolExecutor } from '../../src/services/jobs/executor/thread-pool.ts';
import { openStorage } from '../../src/storage/index.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';
import { until } from '../helpers/until.ts';
import { reviewChunk, storeSentimentJob } from './stored-jobs.ts';
import { testJobRunner } from './test-job-runner.ts';

const now = Date.UTC(2026, 10, 26);

describe('the thread pool’s start hook', () => {
  it('tells when a thread takes a chunk: at once when one is free, else when it frees', async () => {
    const executor = new ThreadPoolExecutor({ size: 1, idleMs: 0 });
    try {
      const task = (from: number) => ({
        tool: 'sentiment' as const,
        modelSpec: 'builtin',
        settings: { column: 'text', titleColumn: undefined, title: undefined },
        explain: false,
        maxChars: 10_000,
        input: reviewChunk(0, from, from + 9).input,
      });
      const started: number[] = [];
      const first = executor.run(task(1), { onStart: () => started.push(1) });
      const second = executor.run(task(11), { onStart: () => started.push(2) });
      expect(started).toEqual([1]);
      await Promise.all([first, second]);
      expect(started).toEqual([1, 2]);
    } finally {
      await executor.close();
    }
  });
});

/**
 * A runner holds two chunks per thread: the one running and the next, read ahead and queued. When
 * it stops (SIGTERM), the running one finishes and is committed, and the queued one is handed back
 * at once rather than run, so stopping takes one chunk's time and the other goes to another process.
 */
describe('a job runner that stops', () => {
  it('commits the chunk its thread runs and hands back the one queued behind it', async () => {
    const database = sqliteTestDatabase();
    const storage = openStorage(database.target);
    const executor = new ThreadPoolExecutor({ size: 1, idleMs: 0 });
    try {
      await storage.migrate();
      const user = await storage.users.create(
        { username: 'stopper', email: 's@example.org', passwordHash: 'h', tier: 'user' },
        now,
      );
      const chunks = [reviewChunk(0, 1, 2000), reviewChunk(1, 2001, 2010), reviewChunk(2, 2011, 2020)];
      const job = await storeSentimentJob(storage.jobs, user.id, chunks, now);

      const runner = testJobRunner({ storage, executor, owner: 'stopper', pollMs: 60_000 });
      const states = async () => (await storage.jobs.chunkStates(job.id)).map((chunk) => chunk.status);
      runner.start();
      // Both claimed while the thread still starts and loads its model for the first.
      await until(
        async () => (await states()).filter((s) => s === 'running').length === 2,
        'two chunks claimed',
        30_000,
      );
      await runner.stop();

      expect(await states()).toEqual(['done', 'pending', 'pending']);
      expect(await storage.jobs.getById(job.id)).toMatchObject({ status: 'running', rowsDone: 2000 });
    } finally {
      await executor.close();
      await storage.close();
      await database.drop();
    }
  });
});
