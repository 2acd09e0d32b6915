import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, type TestApp } from '../helpers/app.ts';

const PASSWORD = 'correct horse battery staple';

/**
 * The attributes that make a Set-Cookie address the same cookie, and the flags a clearing one
 * must repeat: a clearing Set-Cookie without Secure, HttpOnly or the same Path may be refused or
 * taken for another cookie, and the browser keeps sending the session it was meant to end.
 */
function sessionCookie(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((c) => c.name === 'tai_session');
  expect(cookie, 'a tai_session Set-Cookie').toBeDefined();
  const { path, domain, httpOnly, sameSite, secure, maxAge, value } = cookie ?? {};
  return { attributes: { path, domain, httpOnly, sameSite, secure: secure ?? false }, maxAge, value };
}

describe.each<{ deployment: string; secure: boolean; env: Record<string, string> }>([
  {
    deployment: 'an https:// PUBLIC_URL, reached over plain HTTP behind its proxy',
    secure: true,
    env: { PUBLIC_URL: 'https://studio.example.org' },
  },
  { deployment: 'a plain-HTTP deployment', secure: false, env: {} },
])('clearing the session cookie on $deployment', ({ env, secure }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(env);
  });
  afterAll(() => t.close());

  async function signedUp(username: string) {
    const browser = new BrowserClient(t.app);
    const signup = await browser.signup(username, PASSWORD);
    expect(signup.statusCode).toBe(201);
    const set = sessionCookie(signup);
    expect(set.attributes).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax', secure });
    return { browser, set };
  }

  it('logout clears it with the attributes it was set with', async () => {
    const { browser, set } = await signedUp('leaving');
    const logout = await browser.request('POST', '/api/v1/auth/logout');
    expect(logout.statusCode).toBe(204);
    const cleared = sessionCookie(logout);
    expect(cleared.attributes).toEqual(set.attributes);
    expect(cleared).toMatchObject({ value: '', maxAge: 0 });
  });

  it('deleting the account clears it with the attributes it was set with', async () => {
    const { browser, set } = await signedUp('deleting');
    const deleted = await browser.request('DELETE', '/api/v1/account', { password: PASSWORD });
    expect(deleted.statusCode).toBe(204);
    const cleared = sessionCookie(deleted);
    expect(cleared.attributes).toEqual(set.attributes);
    expect(cleared).toMatchObject({ value: '', maxAge: 0 });
  });
});
