import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type OpenedStorage } from '../../src/storage/index.ts';
import type { Job } from '../../src/storage/repositories.ts';
import {
  postgresTestDatabase,
  postgresUnavailableReason,
  requirePostgres,
  sqliteTestDatabase,
  type TestDatabase,
} from '../helpers/databases.ts';

const pgReason = await postgresUnavailableReason();
if (pgReason !== null && requirePostgres)
  throw new Error(`PostgreSQL is required but unreachable: ${pgReason}`);

const dialects = [
  { name: 'sqlite', make: () => Promise.resolve(sqliteTestDatabase()), skip: false },
  { name: 'postgres', make: postgresTestDatabase, skip: pgReason !== null },
];

describe.each(dialects)('job storage on $name', ({ make, skip }) => {
  let database: TestDatabase;
  let storage: OpenedStorage;
  let userId = '';
  let otherId = '';
  const now = Date.UTC(2026, 10, 20);

  beforeAll(async () => {
    if (skip) return;
    database = await make();
    storage = openStorage(database.target);
    await storage.migrate();
    userId = (
      await storage.users.create(
        { username: 'jobs', email: 'j@example.org', passwordHash: 'h', tier: 'user' },
        now,
      )
    ).id;
    otherId = (
      await storage.users.create(
        { username: 'other', email: 'o@example.org', passwordHash: 'h', tier: 'user' },
        now,
      )
    ).id;
  });
  afterAll(async () => {
    if (skip) return;
    await storage.close();
    await database.drop();
  });

  async function newJob(rows: number, chunkSize: number, createdAt = now): Promise<Job> {
    const job: Job = {
      id: crypto.randomUUID(),
      userId,
      tool: 'sentiment',
      status: 'queued',
      options: { column: 'text' },
      inputName: 'reviews.csv',
      inputFormat: 'csv',
      inputBytes: 11,
      totalRows: null,
      rowsDone: 0,
      rowsFailed: 0,
      error: null,
      createdAt,
      startedAt: null,
      finishedAt: null,
      updatedAt: createdAt,
    };
    await storage.jobs.create(job, new TextEncoder().encode('text\nhello\n'));
    await storage.jobs.plan(job.id, rows, chunkSize, createdAt);
    return job;
  }

  it.skipIf(skip)('stores a job with its input, seen only by its owner', async () => {
    const job = await newJob(5, 2);
    expect(new TextDecoder().decode(await storage.jobs.readInput(job.id))).toBe('text\nhello\n');
    expect(await storage.jobs.get(userId, job.id)).toMatchObject({
      status: 'queued',
      totalRows: 5,
      options: { column: 'text' },
    });
    expect(await storage.jobs.get(otherId, job.id)).toBeUndefined();
    expect(await storage.jobs.delete(otherId, job.id)).toBe(false);
    expect(await storage.jobs.cancel(otherId, job.id, now)).toBe(false);
    expect((await storage.jobs.list(userId, { limit: 10, offset: 0 })).total).toBeGreaterThanOrEqual(1);
    await storage.jobs.cancel(userId, job.id, now);
  });

  it.skipIf(skip)('runs chunks to completion, in order, each committed with its results once', async () => {
    const job = await newJob(5, 2);
    const seen: number[] = [];
    for (;;) {
      const lease = await storage.jobs.claimChunk('worker-a', now, 60_000, job.id);
      if (!lease) break;
      seen.push(lease.chunkIndex);
      expect(
        await storage.jobs.completeChunk(
          lease,
          new TextEncoder().encode(`chunk ${lease.chunkIndex}\n`),
          0,
          now,
        ),
      ).toBe(true);
    }
    expect(seen).toEqual([0, 1, 2]);
    const done = await storage.jobs.get(userId, job.id);
    expect(done).toMatchObject({ status: 'done', rowsDone: 5, rowsFailed: 0 });
    const parts: string[] = [];
    for await (const part of storage.jobs.results(job.id)) parts.push(new TextDecoder().decode(part));
    expect(parts.join('')).toBe('chunk 0\nchunk 1\nchunk 2\n');
  });

  it.skipIf(skip)('never gives one chunk to two concurrent claimers', async () => {
    const job = await newJob(40, 1);
    const others = [openStorage(database.target), openStorage(database.target)];
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (others[i % 2] ?? storage).jobs.claimChunk(`w${i}`, now, 60_000, job.id),
      ),
    );
    const indexes = claims.map((c) => c?.chunkIndex).filter((i) => i !== undefined);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(indexes.length).toBe(30);
    await Promise.all(others.map((s) => s.close()));
    await storage.jobs.cancel(userId, job.id, now);
  });

  it.skipIf(skip)(
    'gives an expired lease to another worker and refuses the late worker’s results',
    async () => {
      const job = await newJob(1, 10);
      const stale = await storage.jobs.claimChunk('crashed', now, 1000, job.id);
      expect(stale).toBeDefined();
      expect(await storage.jobs.claimChunk('other', now + 500, 1000, job.id)).toBeUndefined();
      const fresh = await storage.jobs.claimChunk('other', now + 2000, 1000, job.id);
      expect(fresh?.chunkIndex).toBe(stale?.chunkIndex);
      expect(await storage.jobs.completeChunk(stale!, new Uint8Array([1]), 0, now + 2100)).toBe(false);
      expect(await storage.jobs.completeChunk(fresh!, new Uint8Array([2]), 1, now + 2200)).toBe(true);
      expect(await storage.jobs.get(userId, job.id)).toMatchObject({
        status: 'done',
        rowsDone: 1,
        rowsFailed: 1,
      });
    },
  );

  it.skipIf(skip)('takes a released chunk back, and no chunk of a cancelled job', async () => {
    const job = await newJob(4, 2);
    const lease = await storage.jobs.claimChunk('stopping', now, 60_000, job.id);
    await storage.jobs.releaseChunk(lease!, now);
    expect((await storage.jobs.claimChunk('next', now, 60_000, job.id))?.chunkIndex).toBe(lease?.chunkIndex);
    expect(await storage.jobs.pendingRows()).toBeGreaterThan(0);
    expect(await storage.jobs.cancel(userId, job.id, now)).toBe(true);
    expect(await storage.jobs.claimChunk('late', now, 60_000, job.id)).toBeUndefined();
    expect(await storage.jobs.purgeFinishedBefore(now + 1)).toBeGreaterThanOrEqual(1);
    expect(await storage.jobs.getById(job.id)).toBeUndefined();
  });
});
