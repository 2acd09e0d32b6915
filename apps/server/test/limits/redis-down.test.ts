import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCounterStore } from '../../src/services/limits/redis-counter-store.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { closedLoopbackPort } from '../helpers/ports.ts';

/**
 * Redis (the shared rate-limit store) out of reach: /readyz says so with a 503, and a metered
 * request is refused at once with a 503 NOT_READY in the envelope — never let through unmetered,
 * never a 500 after a long wait for reconnection.
 */
describe('when the rate-limit store (Redis) is unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(
      {},
      { counters: new RedisCounterStore(`redis://127.0.0.1:${await closedLoopbackPort()}`) },
    );
  });
  afterAll(() => t.close());

  it('reports not ready, naming Redis', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'not_ready', database: 'ok', redis: 'unreachable' });
  });

  it('refuses a tool call with 503 NOT_READY instead of failing or skipping the limit', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'a perfectly fine day' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'NOT_READY', error: expect.stringContaining('Redis') });
  });
});
