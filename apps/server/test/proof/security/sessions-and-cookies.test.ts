import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, STRONG_PASSWORD, type TestApp } from '../../helpers/app.ts';
import { ProbeTally } from './probe.ts';

interface ParsedCookie {
  name: string;
  value: string;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  maxAge?: number;
}

function cookie(response: LightMyRequestResponse, name: string): ParsedCookie {
  const found = (response.cookies as ParsedCookie[]).find((c) => c.name === name);
  if (found === undefined)
    throw new Error(`no ${name} cookie set; set-cookie: ${String(response.headers['set-cookie'])}`);
  return found;
}

async function me(t: TestApp, sessionCookie: string): Promise<number> {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { cookie: `tai_session=${sessionCookie}` },
  });
  return response.statusCode;
}

/**
 * Session fixation and cookie flags. A session id planted in a browser before its user logs in
 * — another account's live session, or a made-up value — is never the one the login leaves it
 * with, and the planted one stops working; logout ends the session on the server, so a copied
 * cookie is dead too. Cookies are HttpOnly (the session), SameSite=Lax, Path=/, signed, and
 * Secure exactly when the client reached the server over HTTPS (behind a trusted proxy).
 */
describe('sessions and cookies', () => {
  let t: TestApp;
  let behindProxy: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SESSION_MAX_AGE_HOURS: '12' });
    behindProxy = await createTestApp({ TRUST_PROXY: '1' });
    for (const app of [t, behindProxy]) {
      await app.app.services.accounts.createUser(
        { username: 'victim', email: 'victim@example.org', password: STRONG_PASSWORD, tier: 'user' },
        null,
      );
    }
  });
  afterAll(async () => {
    await t.close();
    await behindProxy.close();
  });

  it('does not let a planted session survive a login (no fixation)', async () => {
    const tally = new ProbeTally('session fixation');
    const attacker = new BrowserClient(t.app, '10.6.0.66');
    expect((await attacker.signup('attacker')).statusCode).toBe(201);
    const planted = attacker.cookies.get('tai_session') ?? '';
    expect(await me(t, planted)).toBe(200);

    // The attacker's live session cookie planted in the victim's browser, then the victim logs in.
    const victim = new BrowserClient(t.app, '10.6.0.1');
    victim.cookies.set('tai_session', planted);
    await victim.fetchCsrf();
    const preSessionCsrf = victim.csrf;
    const login = await victim.login('victim');
    await tally.check('the login succeeds', () => expect(login.statusCode).toBe(200));
    const issued = victim.cookies.get('tai_session') ?? '';
    await tally.check('a new session id is issued', () => {
      expect(issued).not.toBe('');
      expect(issued).not.toBe(planted);
    });
    await tally.check('the CSRF token rotates at login', () => expect(victim.csrf).not.toBe(preSessionCsrf));
    await tally.check('the new session is the victim’s', async () => {
      const response = await victim.request('GET', '/api/v1/auth/me');
      expect(response.json()).toMatchObject({ user: { username: 'victim' } });
    });
    await tally.check('the planted session no longer authenticates', async () => {
      expect(await me(t, planted)).toBe(401);
    });

    // A made-up (unsigned or forged) session value is ignored and never adopted.
    for (const made of ['attacker-chosen-id', `${'a'.repeat(43)}.forgedsignature`]) {
      const browser = new BrowserClient(t.app, '10.6.0.2');
      browser.cookies.set('tai_session', made);
      await tally.check(`a made-up session "${made.slice(0, 20)}" is not authenticated`, async () => {
        expect((await browser.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
      });
      await browser.login('victim');
      await tally.check(`a made-up session "${made.slice(0, 20)}" is replaced at login`, () => {
        expect(browser.cookies.get('tai_session')).not.toBe(made);
        expect(browser.cookies.get('tai_session')).toMatch(/\./);
      });
    }

    // Logout ends the session on the server: a copy of the cookie taken earlier is dead.
    const copy = issued;
    await tally.check('logout answers 204', async () => {
      expect((await victim.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    });
    await tally.check('a copied cookie stops working after logout', async () => {
      expect(await me(t, copy)).toBe(401);
    });
    tally.finish(10);
  });

  it('sets HttpOnly, SameSite=Lax, Path=/ and signed cookies, Secure only over HTTPS', async () => {
    const tally = new ProbeTally('cookie flags');
    const cases = [
      { name: 'plain HTTP', app: () => t, headers: {}, secure: false },
      {
        name: 'HTTPS behind a trusted proxy',
        app: () => behindProxy,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
        secure: true,
      },
      {
        // Without TRUST_PROXY a client's own X-Forwarded-Proto is not believed.
        name: 'a spoofed X-Forwarded-Proto without TRUST_PROXY',
        app: () => t,
        headers: { 'x-forwarded-proto': 'https' },
        secure: false,
      },
    ];
    for (const c of cases) {
      const { app } = c.app();
      const csrfResponse = await app.inject({ method: 'GET', url: '/api/v1/auth/csrf', headers: c.headers });
      const csrfCookie = cookie(csrfResponse, 'tai_csrf');
      const token = (csrfResponse.json() as { csrf_token: string }).csrf_token;
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { ...c.headers, cookie: `tai_csrf=${csrfCookie.value}`, 'x-csrf-token': token },
        payload: { username: 'victim', password: STRONG_PASSWORD },
      });
      await tally.check(`${c.name}: login`, () => expect(login.statusCode).toBe(200));
      const session = cookie(login, 'tai_session');
      const rotatedCsrf = cookie(login, 'tai_csrf');
      await tally.check(`${c.name}: session cookie HttpOnly, SameSite=Lax, Path=/`, () => {
        expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      });
      await tally.check(`${c.name}: session cookie lives SESSION_MAX_AGE_HOURS`, () => {
        expect(session.maxAge).toBe(12 * 3600);
      });
      await tally.check(`${c.name}: cookies are signed`, () => {
        expect(session.value).toMatch(/^[^.]+\.[^.]+$/);
        expect(rotatedCsrf.value).toMatch(/^[^.]+\.[^.]+$/);
      });
      await tally.check(`${c.name}: CSRF cookie readable by the page, SameSite=Lax, Path=/`, () => {
        expect(rotatedCsrf.httpOnly ?? false).toBe(false);
        expect(rotatedCsrf).toMatchObject({ sameSite: 'Lax', path: '/' });
      });
      for (const [label, set] of [
        ['session', session],
        ['CSRF (pre-session)', csrfCookie],
        ['CSRF (rotated)', rotatedCsrf],
      ] as const) {
        await tally.check(`${c.name}: ${label} cookie ${c.secure ? 'is' : 'is not'} Secure`, () => {
          expect(set.secure ?? false).toBe(c.secure);
        });
      }
    }
    tally.finish(cases.length * 8);
  });
});
