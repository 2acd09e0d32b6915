import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../../helpers/app.ts';
import { describeOperation, expectEnvelope, fill, operationsOf, ProbeTally } from './probe.ts';

const DAY = 86_400_000;

/**
 * Unusable API keys: an expired key, a revoked key, the key of a disabled user, a well-formed key
 * that was never issued and a malformed one get 401 INVALID_API_KEY on every operation that takes
 * keys (read from the OpenAPI document), in either header. Each real key is used successfully
 * first, so a verified key remembered by the process is also proven to stop.
 */
describe('expired, revoked and disabled users’ keys', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  async function works(key: string): Promise<number> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      headers: { 'x-api-key': key },
      payload: { text: 'Still working?' },
    });
    return response.statusCode;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const holder = new BrowserClient(t.app, '10.4.0.1');
    expect((await holder.signup('key_holder')).statusCode).toBe(201);
    keys['expired'] = await createKey(holder, { name: 'one day', expires_in_days: 1 });
    keys['revoked'] = await createKey(holder, { name: 'to revoke' });
    const disabled = new BrowserClient(t.app, '10.4.0.2');
    const signup = await disabled.signup('to_disable');
    keys["a disabled user's"] = await createKey(disabled, { name: 'disabled user key' });
    for (const key of Object.values(keys)) expect(await works(key)).toBe(200);

    const list = await holder.request('GET', '/api/v1/keys');
    const revokedId = (list.json() as { data: { id: string; name: string }[] }).data.find(
      (k) => k.name === 'to revoke',
    )?.id;
    expect((await holder.request('DELETE', `/api/v1/keys/${revokedId ?? 'missing'}`)).statusCode).toBe(204);
    await t.app.services.accounts.setDisabled(
      (signup.json() as { user: { id: string } }).user.id,
      true,
      null,
      '127.0.0.1',
    );
    // Last: a day later the session above would have timed out too.
    t.clock.advance(DAY + 1);
    keys['never issued'] = `tai_${'A'.repeat(43)}`;
    keys['malformed'] = 'tai_short';
  });
  afterAll(() => t.close());

  it('refuses them with 401 INVALID_API_KEY on every key-taking operation', async () => {
    const tally = new ProbeTally('expired, revoked and disabled keys');
    const operations = operationsOf(t.app).filter((o) => o.access.api_keys === 'scoped');
    for (const operation of operations) {
      for (const [kind, key] of Object.entries(keys)) {
        for (const header of ['x-api-key', 'authorization'] as const) {
          await tally.check(`${describeOperation(operation)}, ${kind} key in ${header}`, async () => {
            const response = await t.app.inject({
              method: operation.method,
              url: fill(operation.path),
              headers: { [header]: header === 'authorization' ? `Bearer ${key}` : key },
              ...(operation.method === 'GET' ? {} : { payload: { text: 'hello' } }),
            });
            expectEnvelope(response, 401, 'INVALID_API_KEY');
          });
        }
      }
    }
    tally.finish(operations.length * Object.keys(keys).length * 2);
    expect(operations.length).toBeGreaterThanOrEqual(15);
  });
});
