import { beforeAll, describe, expect, it } from 'vitest';
import type { ChunkExecutor } from '../../src/services/jobs/executor/thread-pool.ts';
import type { OpenedStorage } from '../../src/storage/index.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';
import { migratedStorageForSuite } from '../helpers/migrated-storage.ts';
import { until } from '../helpers/until.ts';
import { reviewChunk, storeSentimentJob } from './stored-jobs.ts';
import { testJobRunner } from './test-job-runner.ts';

const now = Date.UTC(2026, 10, 26);

/** A thread that dies on every chunk (a row that crashes the analyser, a broken model file). */
function dyingExecutor(): ChunkExecutor & { attempts: number } {
  return {
    size: 1,
    attempts: 0,
    run() {
      this.attempts++;
      return Promise.reject(new Error('the job thread exited with code 1'));
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The `failed` status: a chunk that fails three times fails its job, naming its rows and why, instead
 * of being retried for ever; the job then has its one history entry, like every ended job.
 */
describe('a job whose chunk keeps failing', () => {
  let storage: OpenedStorage;
  let userId = '';

  migratedStorageForSuite({ make: () => Promise.resolve(sqliteTestDatabase()), skip: false }, (opened) => {
    storage = opened;
  });
  beforeAll(async () => {
    const user = await storage.users.create(
      { username: 'unlucky', email: 'u@example.org', passwordHash: 'h', tier: 'user' },
      now,
    );
    userId = user.id;
  });

  it('is failed after three attempts, with the rows and the reason, and recorded once', async () => {
    const job = await storeSentimentJob(storage.jobs, userId, [reviewChunk(0, 1, 10)], now);

    const executor = dyingExecutor();
    const errors: string[] = [];
    const runner = testJobRunner({
      storage,
      executor,
      owner: 'unlucky-runner',
      pollMs: 50,
      onError: (_error, context) => errors.push(context),
    });
    runner.start();
    try {
      await until(
        async () => (await storage.jobs.getById(job.id))?.status === 'failed',
        'the job to fail',
        30_000,
      );
      const failed = await storage.jobs.getById(job.id);
      expect(failed).toMatchObject({
        status: 'failed',
        rowsDone: 0,
        error: 'rows 1–10 could not be processed: the job thread exited with code 1',
      });
      expect(failed?.finishedAt).not.toBeNull();
      expect(executor.attempts).toBe(3);
      expect(errors).toEqual([1, 2, 3].map((n) => `chunk 0 of job ${job.id}, attempt ${n}`));
      // No further attempt once it failed: its chunk is no longer taken.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(executor.attempts).toBe(3);

      await until(
        async () => (await storage.history.list(userId, { limit: 10, offset: 0 })).total > 0,
        'the history entry',
        30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const history = await storage.history.list(userId, { limit: 10, offset: 0 });
      expect(history.items).toHaveLength(1);
      expect(history.items[0]).toMatchObject({
        source: 'job',
        tool: 'sentiment',
        items: 0,
        failed: 0,
        result: { job_id: job.id, status: 'failed' },
      });
    } finally {
      await runner.stop();
    }
  });
});
