import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createLogger } from './logging.ts';
import { createJobRunner } from './services/container.ts';
import { logDatabaseChange } from './services/database-change-log.ts';
import type { JobRunner, JobRunnerOptions } from './services/jobs/job-runner.ts';
import { systemClock } from './services/clock.ts';
import { consumeJobQueue } from './services/jobs/bullmq.ts';
import { openStorage } from './storage/index.ts';
import type { Storage } from './storage/repositories.ts';
import { serveWorkerMetrics, type WorkerMetricsListener } from './worker-metrics.ts';

export interface RunningWorker {
  log: Logger;
  /** Where GET /metrics answers, with WORKER_METRICS_PORT. */
  metricsUrl: string | undefined;
  /** Stops taking chunks, lets the ones in hand finish and commit, then closes everything. */
  stop(): Promise<void>;
}

/**
 * How the worker's job runner logs: an unexpected failure with its stack each time; the database
 * going away once (a warning) and coming back once, however many polls fail in between.
 */
export function jobWorkLogging(log: Logger): Pick<JobRunnerOptions, 'onError' | 'onDatabaseChange'> {
  return {
    onError: (error, context) => log.error({ err: error, context }, 'job work failed'),
    onDatabaseChange: (change) => logDatabaseChange(log, change, 'jobs'),
  };
}

/**
 * `textai worker`: runs batch job chunks and nothing else. With REDIS_URL it takes BullMQ wake-ups
 * and joins in on any job with its threads; in every case it also polls the database for chunks
 * nobody holds (a crashed process's, once their lease runs out). Any number of workers on any
 * number of machines can share one PostgreSQL database.
 */
export async function startWorker(
  config: Config,
  options: { handleSignals?: boolean } = {},
): Promise<RunningWorker> {
  const log = await createLogger(config);
  const storage = openStorage(config.database, { backgroundCheckpoints: true });
  await storage.migrate();
  const { runner, executor } = createJobRunner(config, storage, systemClock, {
    // A dedicated worker keeps its threads (and their models) warm.
    threadIdleMs: 0,
    defaultThreads: availableParallelism(),
    ...jobWorkLogging(log),
  });
  // Before the runner starts, so that every chunk it runs is counted.
  const metrics = await startMetrics(config, runner, storage).catch(async (error: unknown) => {
    await executor.close();
    await storage.close();
    throw error;
  });
  runner.start();
  const consumer =
    config.redisUrl === undefined
      ? undefined
      : await consumeJobQueue(config.redisUrl, config.redisPrefix, runner, executor.size, (error) =>
          log.error({ err: error }, 'the job queue (Redis) failed'),
        );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all([runner.stop(), consumer?.close()]);
      await executor.close();
      // Last, so that a scrape during the drain still sees the worker.
      await metrics?.close();
      await storage.close();
    })());
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        log.info({ signal, chunks_in_hand: runner.busy }, 'stopping: finishing the chunks in hand');
        const force = setTimeout(() => process.exit(1), 60_000);
        force.unref();
        void stop().then(() => {
          log.info('stopped');
          process.exit(0);
        });
      });
    }
  }
  // Announced only once SIGTERM is handled: a supervisor (or a test) may stop it as soon as it reads this.
  log.info(
    {
      threads: executor.size,
      queue: consumer === undefined ? 'database poll' : 'bullmq',
      ...(metrics === undefined ? {} : { metrics: metrics.url }),
      startup_ms: Math.round(performance.now()),
    },
    'TextAI worker is ready',
  );
  return { log, metricsUrl: metrics?.url, stop };
}

function startMetrics(
  config: Config,
  runner: JobRunner,
  storage: Storage,
): Promise<WorkerMetricsListener | undefined> {
  const port = config.jobs.workerMetricsPort;
  if (port === 0) return Promise.resolve(undefined);
  return serveWorkerMetrics({
    host: config.host,
    port,
    token: config.metricsToken,
    runner,
    pendingRows: () => storage.jobs.pendingRows(),
  });
}
