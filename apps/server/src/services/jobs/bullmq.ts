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
/**
 * How long closing waits for BullMQ. While Redis is away its close waits for Redis to come back,
 * which held a worker's SIGTERM until the 60-second forced exit; the chunks in hand are finished
 * and committed by the runner regardless, and a message dropped with the connection costs nothing.
 */
const CLOSE_WAIT_MS = 5_000;

interface WakeUp {
  jobId: string;
}

/** Whether `work` settles within `ms`; it goes on either way. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * BullMQ prints every failed reconnection to stderr unless someone listens: report the first error
 * of an outage instead, and the next one only after Redis was back.
 */
function reportOncePerOutage(
  connection: Redis,
  emitter: { on(event: 'error', listener: (error: Error) => void): unknown },
  onError: (error: unknown) => void,
): void {
  let reported = false;
  connection.on('ready', () => (reported = false));
  emitter.on('error', (error) => {
    if (!reported) onError(error);
    reported = true;
  });
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

  constructor(url: string, prefix: string, onError: (error: unknown) => void = () => undefined) {
    this.opening = (async () => {
      const [{ Queue }, connection] = await Promise.all([import('bullmq'), connect(url)]);
      const queue = new Queue<WakeUp>(JOB_QUEUE, {
        connection,
        prefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 },
      });
      reportOncePerOutage(connection, queue, onError);
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
    // Late or failed, the upload stands: the runners' poll finds the job.
    await settlesWithin(sending, WAKE_UP_WAIT_MS);
  }

  async close(): Promise<void> {
    const { queue, connection } = await this.opening;
    const closing = queue.close().then(() => connection.quit());
    if (!(await settlesWithin(closing, CLOSE_WAIT_MS))) connection.disconnect();
  }
}

/**
 * A `textai worker` process's BullMQ consumer: each message drains its job's chunks through the
 * runner (whose thread pool bounds the work actually running). Closing waits for the messages in
 * hand, which end as soon as the runner stops taking chunks (at most CLOSE_WAIT_MS for BullMQ).
 */
export async function consumeJobQueue(
  url: string,
  prefix: string,
  runner: JobRunner,
  concurrency: number,
  onError: (error: unknown) => void = () => undefined,
): Promise<{ close(): Promise<void> }> {
  const [{ Worker }, connection] = await Promise.all([import('bullmq'), connect(url)]);
  const worker = new Worker<WakeUp>(JOB_QUEUE, (message) => runner.drain(message.data.jobId), {
    connection,
    prefix,
    concurrency,
  });
  reportOncePerOutage(connection, worker, onError);
  return {
    async close() {
      const closing = worker.close().then(() => connection.quit());
      if (!(await settlesWithin(closing, CLOSE_WAIT_MS))) connection.disconnect();
    },
  };
}
