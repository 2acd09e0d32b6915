import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../../helpers/app.ts';
import { describeOperation, expectEnvelope, fill, operationsOf, ProbeTally } from './probe.ts';

const ADMIN_PASSWORD = 'an admin passphrase for csrf probes';

/**
 * CSRF on every state-changing operation the app serves (read from its OpenAPI document, so a new
 * route is probed without editing this file): with a logged-in admin's cookie — the most powerful
 * session — a missing, empty, forged or another session's token is refused with 403 CSRF_INVALID
 * before anything happens; the pre-session routes (login, signup, resets) refuse a token that does
 * not match the signed tai_csrf cookie. Afterwards the admin is still logged in and nothing changed.
 */
describe('CSRF probes', () => {
  let t: TestApp;
  let admin: BrowserClient;
  let other: BrowserClient;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_USERNAME: 'csrf_admin' });
    await t.app.services.accounts.createUser(
      { username: 'csrf_admin', email: 'csrf-admin@example.org', password: ADMIN_PASSWORD, tier: 'admin' },
      null,
    );
    admin = new BrowserClient(t.app, '10.9.0.1');
    expect((await admin.login('csrf_admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    other = new BrowserClient(t.app, '10.9.0.2');
    expect((await other.signup('csrf_other')).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('refuses every cookie-authenticated state change without the session’s token', async () => {
    await createKey(admin, { name: 'must survive' });
    const tally = new ProbeTally('CSRF (session routes)');
    const operations = operationsOf(t.app).filter((o) => o.access.csrf === 'session');
    const tokens: Record<string, Record<string, string>> = {
      missing: {},
      empty: { 'x-csrf-token': '' },
      forged: { 'x-csrf-token': 'forged-token-0123456789' },
      "another session's": { 'x-csrf-token': other.csrf },
    };
    for (const operation of operations) {
      for (const [kind, headers] of Object.entries(tokens)) {
        await tally.check(`${describeOperation(operation)} with a ${kind} token`, async () => {
          const url = fill(operation.path);
          const response = await t.app.inject({
            method: operation.method,
            url,
            remoteAddress: '10.9.0.1',
            headers: { cookie: cookieOf(admin), ...headers },
            payload: {},
          });
          expectEnvelope(response, 403, 'CSRF_INVALID');
        });
      }
    }
    // Nothing happened: the admin is still logged in, their key still listed.
    await tally.check('the session survived every probe', async () => {
      const keys = await admin.request('GET', '/api/v1/keys');
      expect(keys.statusCode).toBe(200);
      expect(JSON.stringify(keys.json())).toContain('must survive');
    });
    tally.finish(operations.length * 4);
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses login, signup and resets whose token does not match the signed cookie', async () => {
    const tally = new ProbeTally('CSRF (pre-session routes)');
    const operations = operationsOf(t.app).filter((o) => o.access.csrf === 'pre-session');
    const stranger = new BrowserClient(t.app, '10.9.0.3');
    await stranger.fetchCsrf();
    const signedCookie = `tai_csrf=${stranger.cookies.get('tai_csrf') ?? ''}`;
    const cases: Record<string, Record<string, string>> = {
      'no cookie and no token': {},
      'a token but no cookie': { 'x-csrf-token': stranger.csrf },
      'the cookie and no token': { cookie: signedCookie },
      'the cookie and a forged token': { cookie: signedCookie, 'x-csrf-token': 'forged-token-0123456789' },
      'a tampered cookie and its value as token': {
        cookie: `tai_csrf=${stranger.csrf}.tampered`,
        'x-csrf-token': stranger.csrf,
      },
    };
    for (const operation of operations) {
      for (const [kind, headers] of Object.entries(cases)) {
        await tally.check(`${describeOperation(operation)} with ${kind}`, async () => {
          const response = await t.app.inject({
            method: operation.method,
            url: fill(operation.path),
            remoteAddress: '10.9.0.3',
            headers,
            payload: { username: 'csrf_admin', password: ADMIN_PASSWORD },
          });
          expectEnvelope(response, 403, 'CSRF_INVALID');
        });
      }
    }
    tally.finish(operations.length * Object.keys(cases).length);
    expect(operations.map((o) => o.path)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/signup']),
    );
  });
});

function cookieOf(client: BrowserClient): string {
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}
