import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, STRONG_PASSWORD, type TestApp } from '../../helpers/app.ts';
import { recordFigures } from '../figures.ts';
import { ProbeTally } from './probe.ts';

const ACCOUNT_FAILURES = 5;
const IP_FAILURES = 12;
const WINDOW_MIN = 15;

/**
 * The login throttle: after LOGIN_MAX_FAILURES failures an account is refused with 429
 * TOO_MANY_ATTEMPTS, a clear message and Retry-After — the right password too — until the window
 * passes; a missing account is throttled the same way (no enumeration); an address is throttled
 * after LOGIN_IP_MAX_FAILURES failures across accounts. And under concurrency: many wrong
 * passwords fired at once get exactly the allowed number of tries, not one per request in flight,
 * while right passwords arriving together are asked to retry in a second, not locked out.
 */
describe('the login throttle', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_MAX_FAILURES: String(ACCOUNT_FAILURES),
      LOGIN_IP_MAX_FAILURES: String(IP_FAILURES),
      LOGIN_WINDOW_MIN: String(WINDOW_MIN),
    });
    for (const username of ['throttled', 'neighbour', 'raced', 'other_ip_user']) {
      await t.app.services.accounts.createUser(
        { username, email: `${username}@example.org`, password: STRONG_PASSWORD, tier: 'user' },
        null,
      );
    }
  });
  afterAll(() => t.close());

  const login = (client: BrowserClient, username: string, password: string) =>
    client.login(username, password);

  function expectThrottled(response: LightMyRequestResponse): void {
    expect(response.statusCode, response.body).toBe(429);
    expect(response.json()).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      error: `too many attempts; try again in ${WINDOW_MIN} minutes`,
    });
    expect(Number(response.headers['retry-after'])).toBe(WINDOW_MIN * 60);
  }

  it('refuses an account after its failures, the right password too, until the window passes', async () => {
    const tally = new ProbeTally('login throttle (account)');
    for (const username of ['throttled', 'no_such_user']) {
      // A different address per attempt: only the account's budget is in play.
      for (let i = 0; i < ACCOUNT_FAILURES; i++) {
        const response = await login(new BrowserClient(t.app, `10.3.1.${i}`), username, 'wrong password 123');
        await tally.check(`${username}: failure ${i + 1} is a plain 401`, () => {
          expect(response.statusCode).toBe(401);
          expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
        });
      }
      const next = await login(new BrowserClient(t.app, '10.3.2.1'), username, 'wrong password 123');
      await tally.check(`${username}: the next failure is throttled`, () => expectThrottled(next));
    }
    const right = await login(new BrowserClient(t.app, '10.3.2.2'), 'throttled', STRONG_PASSWORD);
    await tally.check('the right password is refused while throttled', () => expectThrottled(right));
    await tally.check('another account is not affected', async () => {
      const response = await login(new BrowserClient(t.app, '10.3.2.3'), 'neighbour', STRONG_PASSWORD);
      expect(response.statusCode).toBe(200);
    });
    t.clock.advance(WINDOW_MIN * 60_000 + 1);
    await tally.check('after the window the right password works', async () => {
      const response = await login(new BrowserClient(t.app, '10.3.2.4'), 'throttled', STRONG_PASSWORD);
      expect(response.statusCode).toBe(200);
    });
    tally.finish(2 * ACCOUNT_FAILURES + 5);
  });

  it('refuses an address after its failures across accounts', async () => {
    const tally = new ProbeTally('login throttle (address)');
    const address = '10.3.3.3';
    for (let i = 0; i < IP_FAILURES; i++) {
      // Each attempt names another account, so no account budget runs out.
      const response = await login(new BrowserClient(t.app, address), `sprayed_${i}`, 'wrong password 123');
      await tally.check(`failure ${i + 1} from one address is a plain 401`, () =>
        expect(response.statusCode).toBe(401),
      );
    }
    const blocked = await login(new BrowserClient(t.app, address), 'other_ip_user', STRONG_PASSWORD);
    await tally.check('that address is throttled, even with a right password', () =>
      expectThrottled(blocked),
    );
    await tally.check('the account still logs in from elsewhere', async () => {
      const response = await login(new BrowserClient(t.app, '10.3.3.4'), 'other_ip_user', STRONG_PASSWORD);
      expect(response.statusCode).toBe(200);
    });
    tally.finish(IP_FAILURES + 2);
  });

  it('allows exactly the budget of tries when wrong passwords arrive all at once', async () => {
    const tally = new ProbeTally('login throttle (concurrent guesses)');
    const attempts = 40;
    const clients = await Promise.all(
      Array.from({ length: attempts }, async (_, i) => {
        const client = new BrowserClient(t.app, `10.3.4.${i}`);
        await client.fetchCsrf();
        return client;
      }),
    );
    const responses = await Promise.all(
      clients.map((client, i) =>
        client.request('POST', '/api/v1/auth/login', { username: 'raced', password: `guess ${i}` }),
      ),
    );
    const refused = responses.filter((r) => r.statusCode === 401).length;
    const throttled = responses.filter((r) => r.statusCode === 429).length;
    await tally.check(`${attempts} parallel guesses: exactly ${ACCOUNT_FAILURES} were tried`, () => {
      expect({ tried: refused, throttled }).toEqual({
        tried: ACCOUNT_FAILURES,
        throttled: attempts - ACCOUNT_FAILURES,
      });
    });
    await tally.check('the guesses not tried were told to wait (429 with Retry-After)', () => {
      for (const response of responses.filter((r) => r.statusCode === 429)) {
        expect(response.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    });
    const right = await login(new BrowserClient(t.app, '10.3.4.250'), 'raced', STRONG_PASSWORD);
    await tally.check('the account is throttled afterwards', () => expectThrottled(right));
    tally.finish(3);
  });

  it('asks right passwords arriving all at once to retry in a moment, not in 15 minutes', async () => {
    const tally = new ProbeTally('login throttle (concurrent right passwords)');
    const attempts = 20;
    const clients = await Promise.all(
      Array.from({ length: attempts }, async (_, i) => {
        const client = new BrowserClient(t.app, `10.3.5.${i}`);
        await client.fetchCsrf();
        return client;
      }),
    );
    const first = await Promise.all(
      clients.map((client) =>
        client.request('POST', '/api/v1/auth/login', { username: 'neighbour', password: STRONG_PASSWORD }),
      ),
    );
    const waiting = clients.filter((_, i) => first[i]?.statusCode === 429);
    await tally.check('every answer is a login or a short wait', () => {
      expect(first.filter((r) => r.statusCode !== 200 && r.statusCode !== 429)).toEqual([]);
      for (const response of first.filter((r) => r.statusCode === 429)) {
        expect(response.json()).toMatchObject({
          code: 'TOO_MANY_ATTEMPTS',
          error: expect.stringMatching(/moment/),
        });
        expect(response.headers['retry-after']).toBe('1');
      }
    });
    await tally.check('each one told to wait gets in when it retries', async () => {
      for (const client of waiting) {
        const again = await client.request('POST', '/api/v1/auth/login', {
          username: 'neighbour',
          password: STRONG_PASSWORD,
        });
        expect(again.statusCode).toBe(200);
      }
    });
    recordFigures('security', [
      {
        name: `login throttle: ${attempts} right passwords at once`,
        value: `${attempts - waiting.length} in at once, ${waiting.length} in on retry`,
      },
    ]);
    tally.finish(2);
  });
});
