import { describe, expect, it } from 'vitest';
import { encodeInputChunk } from '../../src/services/jobs/chunk-codec.ts';
import { ThreadPoolExecutor } from '../../src/services/jobs/executor/thread-pool.ts';
import { JobRunner } from '../../src/services/jobs/job-runner.ts';
import { openStorage } from '../../src/storage/index.ts';
import type { Job, NewChunk } from '../../src/storage/repositories.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';

const now = Date.UTC(2026, 10, 26);

/** Rows `from`..`to` (1-based) of a one-column CSV, stored as the upload stores them. */
function chunkOf(index: number, from: number, to: number): NewChunk {
  const rows = [];
  for (let n = from; n <= to; n++) rows.push({ n, id: n, c: [`Review ${n}: the room was clean and quiet.`] });
  return {
    index,
    rowStart: from - 1,
    rowEnd: to,
    input: encodeInputChunk(rows, [{ field: 'text', index: 0 }]),
  };
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

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
        input: chunkOf(0, from, from + 9).input,
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
      const job: Job = {
        id: crypto.randomUUID(),
        userId: user.id,
        tool: 'sentiment',
        status: 'queued',
        options: { settings: { column: 'text' }, explain: false, header: ['text'], ranked: false },
        inputName: 'reviews.csv',
        inputFormat: 'csv',
        inputBytes: 1,
        totalRows: null,
        rowsDone: 0,
        rowsFailed: 0,
        error: null,
        createdAt: now,
        startedAt: null,
        finishedAt: null,
        updatedAt: now,
      };
      await storage.jobs.create(job);
      await storage.jobs.addChunks(
        job.id,
        [chunkOf(0, 1, 2000), chunkOf(1, 2001, 2010), chunkOf(2, 2011, 2020)],
        now,
      );
      await storage.jobs.seal(job.id, 2020, now);

      const runner = new JobRunner({
        storage,
        executor,
        clock: { now: () => Date.now() },
        owner: 'stopper',
        leaseMs: 60_000,
        pollMs: 60_000,
        maxTextChars: 10_000,
        modelSpecs: {},
      });
      const states = async () => (await storage.jobs.chunkStates(job.id)).map((chunk) => chunk.status);
      runner.start();
      // Both claimed while the thread still starts and loads its model for the first.
      await until(
        async () => (await states()).filter((s) => s === 'running').length === 2,
        'two chunks claimed',
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
