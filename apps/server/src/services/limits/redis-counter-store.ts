import { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import type { CounterStore } from './counter-store.ts';

/** How long a counter may take before the request is refused rather than left hanging. */
const COMMAND_TIMEOUT_MS = 2_000;

/**
 * Counters in Redis: INCRBY is atomic, so N processes racing on one key still admit exactly the
 * limit; the expiry is set only when the key is new (PEXPIRE NX), in the same MULTI.
 *
 * When Redis is down, a counter fails within two seconds as a 503 NOT_READY (and /readyz says so),
 * instead of queueing behind reconnection attempts for many seconds and ending as a 500: the
 * limits cannot be counted, so the request is refused rather than let through unmetered.
 */
export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis';
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'textai:',
  ) {
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      lazyConnect: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
    });
    // Without a listener ioredis logs every failed reconnection as an unhandled error event; the
    // failures reach callers through their commands and /readyz instead.
    this.redis.on('error', () => undefined);
  }

  increment(key: string, amount: number, ttlMs: number): Promise<number> {
    return unavailableOnFailure(async () => {
      const result = await this.redis
        .multi()
        .incrby(this.prefix + key, amount)
        .pexpire(this.prefix + key, ttlMs, 'NX')
        .exec();
      const [error, value] = result?.[0] ?? [new Error('redis: empty reply'), null];
      if (error) throw error;
      return Number(value);
    });
  }

  get(key: string): Promise<number> {
    return unavailableOnFailure(async () => Number((await this.redis.get(this.prefix + key)) ?? 0));
  }

  delete(key: string): Promise<void> {
    return unavailableOnFailure(async () => {
      await this.redis.del(this.prefix + key);
    });
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

async function unavailableOnFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch {
    throw new AppError(503, 'NOT_READY', 'the rate-limit store (Redis) is unreachable; try again shortly');
  }
}
