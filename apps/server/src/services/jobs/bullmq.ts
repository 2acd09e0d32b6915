import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobDispatcher } from './job-service.ts';
import type { JobRunner } from './job-runner.ts';

/** The BullMQ queue of job wake-ups; the jobs themselves, their chunks and results live in the database. */
export const JOB_QUEUE = 'textai-jobs';
/** Messages per job at most: enough for every worker process's threads to join in on one job. */
const MAX_MESSAGES_PER_JOB = 32;

interface WakeUp {
  jobId: string;
}

function connect(url: string): Redis {
  // BullMQ's blocking commands need maxRetriesPerRequest: null.
  return new Redis(url, { maxRetriesPerRequest: null });
}

/**
 * With REDIS_URL, a queued job becomes up to 32 BullMQ messages, one per chunk: each one a worker
 * process takes makes it run that job's chunks until none is left, so every worker with a free
 * thread joins in and a big job is shared out. A message is only a wake-up — the chunk leases in
 * the database decide who runs what — so a lost or repeated message loses or repeats no row.
 */
export class BullDispatcher implements JobDispatcher {
  private readonly connection: Redis;
  private readonly queue: Queue<WakeUp>;

  constructor(url: string, prefix: string) {
    this.connection = connect(url);
    this.queue = new Queue<WakeUp>(JOB_QUEUE, {
      connection: this.connection,
      prefix,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 },
    });
  }

  async jobQueued(jobId: string, chunks: number): Promise<void> {
    const messages = Math.min(chunks, MAX_MESSAGES_PER_JOB);
    await this.queue.addBulk(
      Array.from({ length: messages }, (_, i) => ({
        name: 'run',
        data: { jobId },
        opts: { jobId: `${jobId}-${i}` },
      })),
    );
  }

  /** Messages waiting to be taken (for the admin's stats). */
  async waiting(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}

/**
 * A `textai worker` process's BullMQ consumer: each message drains its job's chunks through the
 * runner (whose thread pool bounds the work actually running). Closing waits for the messages in
 * hand, which end as soon as the runner stops taking chunks.
 */
export function consumeJobQueue(
  url: string,
  prefix: string,
  runner: JobRunner,
  concurrency: number,
): { close(): Promise<void> } {
  const connection = connect(url);
  const worker = new Worker<WakeUp>(JOB_QUEUE, (message) => runner.drain(message.data.jobId), {
    connection,
    prefix,
    concurrency,
  });
  return {
    async close() {
      await worker.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
