import { Redis } from 'ioredis';
import type { CounterStore } from './counter-store.ts';

/**
 * Counters in Redis: INCRBY is atomic, so N processes racing on one key still admit exactly the
 * limit; the expiry is set only when the key is new (PEXPIRE NX), in the same MULTI.
 */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'textai:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  }

  async increment(key: string, amount: number, ttlMs: number): Promise<number> {
    const result = await this.redis
      .multi()
      .incrby(this.prefix + key, amount)
      .pexpire(this.prefix + key, ttlMs, 'NX')
      .exec();
    const [error, value] = result?.[0] ?? [new Error('redis: empty reply'), null];
    if (error) throw error;
    return Number(value);
  }

  async get(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
