import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolService } from '../../src/services/tools/tool-service.ts';
import { BrowserClient, createTestApp, STRONG_PASSWORD, type TestApp } from '../helpers/app.ts';

async function errorsSinceStart(admin: BrowserClient): Promise<number> {
  const response = await admin.request('GET', '/api/v1/admin/stats');
  expect(response.statusCode).toBe(200);
  return (response.json() as { errors_since_start: number }).errors_since_start;
}

describe('admin stats: errors since start', () => {
  let t: TestApp;
  let admin: BrowserClient;
  beforeAll(async () => {
    // No model loaded: /readyz and every tool call answer 503, real 5xx responses to count.
    t = await createTestApp({}, { tools: new ToolService(100_000) });
    await t.app.services.accounts.createUser(
      { username: 'stats_admin', email: 'stats@example.org', password: STRONG_PASSWORD, tier: 'admin' },
      null,
    );
    admin = new BrowserClient(t.app);
    expect((await admin.login('stats_admin')).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('counts 5xx responses, and only those', async () => {
    expect(await errorsSinceStart(admin)).toBe(0);
    expect((await admin.request('GET', '/api/v1/no-such-route')).statusCode).toBe(404);
    expect((await admin.request('POST', '/api/v1/sentiment', {})).statusCode).toBe(400);
    expect(await errorsSinceStart(admin)).toBe(0);

    expect((await admin.request('GET', '/readyz')).statusCode).toBe(503);
    expect((await admin.request('POST', '/api/v1/sentiment', { text: 'fine' })).statusCode).toBe(503);
    expect(await errorsSinceStart(admin)).toBe(2);
  });
});
