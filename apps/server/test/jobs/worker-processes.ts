import { Redis } from 'ioredis';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { postgresTestDatabase, postgresUnavailableReason, requirePostgres } from '../helpers/databases.ts';
import { startTextai, type TextaiProcess } from '../helpers/processes.ts';
import { redisUnavailableReason, requireRedis, TEST_REDIS_URL } from '../helpers/redis.ts';

/**
 * Set-up shared by the tests that run jobs on `textai worker` processes: the API process queues
 * through BullMQ in Redis and the workers share its PostgreSQL database.
 */

/**
 * null when PostgreSQL and Redis both answer, else why the suite is skipped. Throws instead when
 * REQUIRE_POSTGRES=1 or REQUIRE_REDIS=1 demands the missing one, so CI never skips quietly.
 */
export async function workerSuiteSkipReason(suite: string): Promise<string | null> {
  const pgReason = await postgresUnavailableReason();
  const redisReason = await redisUnavailableReason();
  if (pgReason !== null && requirePostgres)
    throw new Error(`PostgreSQL is required but unreachable: ${pgReason}`);
  if (redisReason !== null && requireRedis)
    throw new Error(`Redis is required but unreachable: ${redisReason}`);
  const skipReason = pgReason ?? redisReason;
  if (skipReason !== null) console.warn(`skipping ${suite}: ${skipReason}`);
  return skipReason;
}

/**
 * An API process (which runs no job itself) on a fresh PostgreSQL database, and the `textai worker`
 * processes a test starts on the same database and queue. The queue's Redis keys carry a prefix of
 * this run's own, so that concurrent runs never meet; `close` kills what still runs and deletes them.
 */
export class WorkerFleet {
  private readonly redisPrefix: string;
  private readonly running = new Set<TextaiProcess>();
  private workerEnv: Record<string, string> = {};
  private api: TestApp | undefined;

  constructor(label: string) {
    this.redisPrefix = `textai-${label}-${process.pid}-${Date.now()}`;
  }

  /** Creates the database and the API process; `workerExtraEnv` is added to every worker's env. */
  async open(
    appEnv: Record<string, string> = {},
    workerExtraEnv: Record<string, string> = {},
  ): Promise<TestApp> {
    const database = await postgresTestDatabase();
    const queue = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: this.redisPrefix };
    this.api = await createTestApp({ ...queue, ...appEnv }, { database });
    this.workerEnv = {
      DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : '',
      ...queue,
      WORKER_CONCURRENCY: '1',
      // The ready line waited for is logged at info.
      LOG_LEVEL: 'info',
      ...workerExtraEnv,
    };
    return this.api;
  }

  /** Starts a worker; resolves once it has connected to its database and queue. */
  async start(): Promise<TextaiProcess> {
    const worker = startTextai(['worker'], this.workerEnv);
    // Recorded before waiting, so that `close` kills a worker that never got ready too.
    this.running.add(worker);
    void worker.exited.then(() => this.running.delete(worker));
    await worker.waitFor(/TextAI worker is ready/, 90_000);
    return worker;
  }

  /** Kills every worker still running, at once (SIGKILL). */
  killAll(): void {
    for (const worker of this.running) worker.child.kill('SIGKILL');
    this.running.clear();
  }

  async close(): Promise<void> {
    this.killAll();
    await this.api?.close();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${this.redisPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}
