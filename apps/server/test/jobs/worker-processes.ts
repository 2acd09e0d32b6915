import { Redis } from 'ioredis';
import { postgresUnavailableReason, requirePostgres, type TestDatabase } from '../helpers/databases.ts';
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

/** A Redis key prefix of this run's own, so that concurrent runs' queues never meet. */
export function runRedisPrefix(label: string): string {
  return `textai-${label}-${process.pid}-${Date.now()}`;
}

/** The environment naming the queue, for the API process and its workers alike. */
export function queueEnv(redisPrefix: string): Record<string, string> {
  return { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redisPrefix };
}

/** The environment of a `textai worker` on the test app's database and queue, one job at a time. */
export function workerEnv(
  database: TestDatabase,
  redisPrefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : '',
    ...queueEnv(redisPrefix),
    WORKER_CONCURRENCY: '1',
    // The ready line the tests wait for is logged at info.
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts a `textai worker` without waiting; the caller records it (to kill it) before waiting. */
export function startWorker(env: Record<string, string>): TextaiProcess {
  return startTextai(['worker'], env);
}

/** Resolves once the worker has connected to its database and queue. */
export async function workerReady(worker: TextaiProcess): Promise<void> {
  await worker.waitFor(/TextAI worker is ready/, 90_000);
}

/** Removes the queue's keys in Redis, which all live under the run's prefix. */
export async function deleteRedisKeys(redisPrefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
