import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../../helpers/app.ts';
import { describeOperation, expectEnvelope, fill, operationsOf, ProbeTally } from './probe.ts';

/**
 * Admin routes as anyone but an admin: every operation the OpenAPI document marks for admins
 * answers 403 FORBIDDEN to a plain user's session (with a valid CSRF token, so only the admin
 * check stands in the way) and to a pro user's session, 403 to a user's API key, and 401 to a
 * guest. The probes aim at the user's own id (a user trying to make themself admin), and
 * afterwards the user is still a plain user.
 */
describe('admin routes as a user', () => {
  let t: TestApp;
  let user: BrowserClient;
  let pro: BrowserClient;
  let userKey = '';
  let userId = '';

  beforeAll(async () => {
    t = await createTestApp();
    user = new BrowserClient(t.app, '10.7.0.1');
    const signup = await user.signup('plain_prober');
    expect(signup.statusCode).toBe(201);
    userId = (signup.json() as { user: { id: string } }).user.id;
    userKey = await createKey(user, { name: 'user key' });
    pro = new BrowserClient(t.app, '10.7.0.2');
    const proSignup = await pro.signup('pro_prober');
    await t.app.services.accounts.setTier(
      (proSignup.json() as { user: { id: string } }).user.id,
      'pro',
      null,
      '127.0.0.1',
    );
  });
  afterAll(() => t.close());

  it('refuses every admin operation to users, keys and guests', async () => {
    const tally = new ProbeTally('admin routes as a user');
    const operations = operationsOf(t.app).filter((o) => o.access.who === 'admins');
    const body = { tier: 'admin', disabled: false };
    for (const operation of operations) {
      const url = fill(operation.path, { id: userId });
      const payload = operation.method === 'GET' ? undefined : body;
      for (const [who, client] of [
        ['a user', user],
        ['a pro user', pro],
      ] as const) {
        await tally.check(`${describeOperation(operation)} as ${who}`, async () => {
          expectEnvelope(await client.request(operation.method, url, payload), 403, 'FORBIDDEN');
        });
      }
      await tally.check(`${describeOperation(operation)} with a user's API key`, async () => {
        const response = await t.app.inject({
          method: operation.method,
          url,
          headers: { 'x-api-key': userKey },
          ...(payload === undefined ? {} : { payload }),
        });
        expectEnvelope(response, 403, 'FORBIDDEN');
      });
      await tally.check(`${describeOperation(operation)} as a guest`, async () => {
        const response = await t.app.inject({
          method: operation.method,
          url,
          ...(payload === undefined ? {} : { payload }),
        });
        expectEnvelope(response, 401, 'UNAUTHORIZED');
      });
    }
    await tally.check('the user is still a plain user', async () => {
      const me = await user.request('GET', '/api/v1/auth/me');
      expect(me.json()).toMatchObject({ user: { tier: 'user' } });
    });
    tally.finish(operations.length * 4);
    expect(operations.length).toBeGreaterThanOrEqual(5);
  });
});
