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

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

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
    await storage.jobs.create(job);
    const chunks = [];
    for (let start = 0, index = 0; start < rows; start += chunkSize, index++) {
      const rowEnd = Math.min(rows, start + chunkSize);
      chunks.push({ index, rowStart: start, rowEnd, input: encode(`rows ${start}-${rowEnd}`) });
    }
    await storage.jobs.addChunks(job.id, chunks, createdAt);
    await storage.jobs.seal(job.id, rows, createdAt);
    return job;
  }

  it.skipIf(skip)('stores a job with its input, seen only by its owner', async () => {
    const job = await newJob(5, 2);
    expect(decode(await storage.jobs.chunkInput(job.id, 2))).toBe('rows 4-5');
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
    const completions: string[] = [];
    for (;;) {
      const lease = await storage.jobs.claimChunk('worker-a', now, 60_000, job.id);
      if (!lease) break;
      seen.push(lease.chunkIndex);
      completions.push(
        await storage.jobs.completeChunk(lease, encode(`chunk ${lease.chunkIndex}\n`), 0, now),
      );
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(completions).toEqual(['progress', 'progress', 'finished']);
    const done = await storage.jobs.get(userId, job.id);
    expect(done).toMatchObject({ status: 'done', rowsDone: 5, rowsFailed: 0 });
    const parts: string[] = [];
    for await (const chunk of storage.jobs.chunks(job.id)) {
      parts.push(`${decode(chunk.input)}: ${decode(chunk.results)}`);
    }
    expect(parts.join('')).toBe('rows 0-2: chunk 0\nrows 2-4: chunk 1\nrows 4-5: chunk 2\n');
    // A reader that stops early (a download whose client left) leaves the chunk read ahead behind.
    for await (const chunk of storage.jobs.chunks(job.id)) {
      expect(decode(chunk.results)).toBe('chunk 0\n');
      break;
    }
    expect(await storage.jobs.unrecorded(100)).toContainEqual(expect.objectContaining({ id: job.id }));
    expect(await storage.jobs.markHistoryRecorded(job.id)).toBe(true);
    expect(await storage.jobs.markHistoryRecorded(job.id)).toBe(false);
    expect((await storage.jobs.unrecorded(100)).map((j) => j.id)).not.toContain(job.id);
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
      expect(await storage.jobs.completeChunk(stale!, new Uint8Array([1]), 0, now + 2100)).toBe('lost');
      expect(await storage.jobs.completeChunk(fresh!, new Uint8Array([2]), 1, now + 2200)).toBe('finished');
      expect(await storage.jobs.get(userId, job.id)).toMatchObject({
        status: 'done',
        rowsDone: 1,
        rowsFailed: 1,
      });
    },
  );

  it.skipIf(skip)('extends a held lease, and only its holder’s', async () => {
    const job = await newJob(1, 10);
    const lease = await storage.jobs.claimChunk('waiting', now, 1000, job.id);
    expect(lease).toBeDefined();
    // It waited for a thread; starting at now + 900, it gets a whole lease from there.
    expect(await storage.jobs.extendLease(lease!, now + 1900, now + 900)).toBe(true);
    expect(await storage.jobs.claimChunk('other', now + 1500, 1000, job.id)).toBeUndefined();
    expect(await storage.jobs.extendLease({ ...lease!, owner: 'other' }, now + 9000, now + 1500)).toBe(false);
    const taken = await storage.jobs.claimChunk('other', now + 2000, 1000, job.id);
    expect(taken?.chunkIndex).toBe(lease?.chunkIndex);
    expect(await storage.jobs.extendLease(lease!, now + 3000, now + 2000)).toBe(false);
    await storage.jobs.cancel(userId, job.id, now + 2000);
  });

  it.skipIf(skip)('takes a released chunk back, and no chunk of a cancelled job', async () => {
    const job = await newJob(4, 2);
    const lease = await storage.jobs.claimChunk('stopping', now, 60_000, job.id);
    await storage.jobs.releaseChunk(lease!, now);
    expect((await storage.jobs.claimChunk('next', now, 60_000, job.id))?.chunkIndex).toBe(lease?.chunkIndex);
    expect(await storage.jobs.pendingRows()).toBeGreaterThan(0);
    expect(await storage.jobs.cancel(userId, job.id, now)).toBe(true);
    expect(await storage.jobs.claimChunk('late', now, 60_000, job.id)).toBeUndefined();
    expect(await storage.jobs.purge(now + 1, 0)).toBeGreaterThanOrEqual(1);
    expect(await storage.jobs.getById(job.id)).toBeUndefined();
  });

  it.skipIf(skip)(
    'counts a cancelled job’s chunks still in hand until they commit or their lease ends',
    async () => {
      const job = await newJob(6, 2);
      const first = await storage.jobs.claimChunk('alive', now, 60_000, job.id);
      const second = await storage.jobs.claimChunk('dead', now, 1_000, job.id);
      expect(await storage.jobs.cancel(userId, job.id, now)).toBe(true);
      expect(await storage.jobs.chunksInHand(job.id, now)).toBe(2);
      // The dead process's lease runs out; the live one commits its rows after the cancel.
      expect(await storage.jobs.chunksInHand(job.id, now + 2_000)).toBe(1);
      await storage.jobs.completeChunk(first!, encode('late rows\n'), 0, now + 2_000);
      expect(await storage.jobs.chunksInHand(job.id, now + 2_000)).toBe(0);
      expect(await storage.jobs.getById(job.id)).toMatchObject({ status: 'cancelled', rowsDone: 2 });
      expect(second?.chunkIndex).toBe(1);
    },
  );

  it.skipIf(skip)('gives no chunk of a job still being stored, and purges one abandoned', async () => {
    const job = await newJob(0, 1);
    expect(await storage.jobs.get(userId, job.id)).toMatchObject({ status: 'done', totalRows: 0 });
    const unsealed: Job = { ...job, id: crypto.randomUUID(), status: 'queued' };
    await storage.jobs.create(unsealed);
    await storage.jobs.addChunks(
      unsealed.id,
      [{ index: 0, rowStart: 0, rowEnd: 1, input: encode('x') }],
      now,
    );
    expect(await storage.jobs.claimChunk('eager', now, 60_000, unsealed.id)).toBeUndefined();
    expect(await storage.jobs.activeCount()).toBeGreaterThanOrEqual(1);
    await storage.jobs.purge(0, now + 1);
    expect(await storage.jobs.getById(unsealed.id)).toBeUndefined();
  });
});
