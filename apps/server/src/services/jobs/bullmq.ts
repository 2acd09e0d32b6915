import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobDispatcher } from './job-service.ts';
import type { JobRunner } from './job-runner.ts';

/** The BullMQ queue of job wake-ups; the jobs themselves, their chunks and results live in the database. */
export const JOB_QUEUE = 'textai-jobs';
/** Messages per job at most: enough for every worker process's threads to join in on one job. */
const MAX_MESSAGES_PER_JOB = 32;
/**
 * How long an upload waits for its wake-up to reach Redis. The connection queues commands while
 * Redis is away (BullMQ needs maxRetriesPerRequest: null), so unbounded the upload would hang for
 * the whole outage; past this the message still goes out once Redis is back, and the runners' poll
 * of the database finds the job meanwhile.
 */
const WAKE_UP_WAIT_MS = 2_000;

interface WakeUp {
  jobId: string;
}

/** bullmq and ioredis (~45 MB together) are loaded only by deployments that use them. */
async function connect(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
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
  private readonly opening: Promise<{ queue: Queue<WakeUp>; connection: Redis }>;

  constructor(url: string, prefix: string) {
    this.opening = (async () => {
      const [{ Queue }, connection] = await Promise.all([import('bullmq'), connect(url)]);
      const queue = new Queue<WakeUp>(JOB_QUEUE, {
        connection,
        prefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 },
      });
      return { queue, connection };
    })();
    this.opening.catch(() => undefined);
  }

  async jobQueued(jobId: string, chunks: number): Promise<void> {
    const messages = Math.min(chunks, MAX_MESSAGES_PER_JOB);
    const sending = this.opening.then(({ queue }) =>
      queue.addBulk(
        Array.from({ length: messages }, (_, i) => ({
          name: 'run',
          data: { jobId },
          opts: { jobId: `${jobId}-${i}` },
        })),
      ),
    );
    sending.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the job queue (Redis) did not answer in time')),
        WAKE_UP_WAIT_MS,
      );
    });
    try {
      await Promise.race([sending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const { queue, connection } = await this.opening;
    await queue.close();
    await connection.quit().catch(() => undefined);
  }
}

/**
 * A `textai worker` process's BullMQ consumer: each message drains its job's chunks through the
 * runner (whose thread pool bounds the work actually running). Closing waits for the messages in
 * hand, which end as soon as the runner stops taking chunks.
 */
export async function consumeJobQueue(
  url: string,
  prefix: string,
  runner: JobRunner,
  concurrency: number,
): Promise<{ close(): Promise<void> }> {
  const [{ Worker }, connection] = await Promise.all([import('bullmq'), connect(url)]);
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
