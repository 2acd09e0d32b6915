import { Redis } from 'ioredis';

const URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const requireRedis = process.env['REQUIRE_REDIS'] === '1';
export const TEST_REDIS_URL = URL;

/** null when Redis answers PING, else why not. */
export async function redisUnavailableReason(): Promise<string | null> {
  const client = new Redis(URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1500,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}
