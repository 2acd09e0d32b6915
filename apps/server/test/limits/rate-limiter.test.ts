import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCounterStore, type CounterStore } from '../../src/services/limits/counter-store.ts';
import { RateLimiter } from '../../src/services/limits/rate-limiter.ts';
import { RedisCounterStore } from '../../src/services/limits/redis-counter-store.ts';
import { redisUnavailableReason, requireRedis, TEST_REDIS_URL } from '../helpers/redis.ts';

const redisReason = await redisUnavailableReason();
if (redisReason !== null) {
  if (requireRedis) throw new Error(`Redis is required (REQUIRE_REDIS=1) but unreachable: ${redisReason}`);
  console.warn(`rate limiter: skipping Redis: ${redisReason}`);
}

const hourly = { guest: 10, user: 40, pro: 1000, admin: Infinity };
const daily = { guest: 100, user: 1000, pro: 10_000, admin: Infinity };

describe.each([
  { name: 'memory', skip: false, stores: (): CounterStore[] => [new MemoryCounterStore()] },
  {
    name: 'redis (two processes’ worth of clients)',
    skip: redisReason !== null,
    stores: (): CounterStore[] => {
      const prefix = `textai-test-${process.pid}-${Math.random().toString(36).slice(2)}:`;
      return [new RedisCounterStore(TEST_REDIS_URL, prefix), new RedisCounterStore(TEST_REDIS_URL, prefix)];
    },
  },
])('rate limiter on $name', ({ skip, stores }) => {
  const opened: CounterStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  it.skipIf(skip)('admits exactly the limit out of 100 concurrent requests on one key', async () => {
    const all = stores();
    opened.push(...all);
    const limiters = all.map((s) => new RateLimiter(s, hourly, daily));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        limiters[i % limiters.length]!.consumeRequest('key:shared', 'user'),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(40);
    expect(Math.min(...results.map((r) => r.remaining ?? -1))).toBe(0);
    expect((await limiters[0]!.consumeRequest('key:other', 'user')).allowed).toBe(true);
  });

  it.skipIf(skip)('gives back a refused row reservation and never lets admins be limited', async () => {
    const all = stores();
    opened.push(...all);
    const limiter = new RateLimiter(all[0]!, hourly, daily);
    expect((await limiter.consumeRows('user:u', 'guest', 80)).allowed).toBe(true);
    expect((await limiter.consumeRows('user:u', 'guest', 30)).allowed).toBe(false);
    expect((await limiter.consumeRows('user:u', 'guest', 20)).allowed).toBe(true);
    expect((await limiter.consumeRows('user:u', 'guest', 1)).allowed).toBe(false);
    const admin = await limiter.consumeRequest('user:root', 'admin');
    expect(admin).toMatchObject({ allowed: true, limit: null });
  });
});
