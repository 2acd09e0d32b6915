import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, STRONG_PASSWORD, type TestApp } from '../helpers/app.ts';

describe('accounts, sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_MAX_FAILURES: '3',
      SESSION_TIMEOUT_MIN: '30',
      SESSION_MAX_AGE_HOURS: '12',
    });
  });
  afterAll(() => t.close());

  it('signs up (logging in), tells who is logged in, and logs out', async () => {
    const browser = new BrowserClient(t.app);
    const signup = await browser.signup('ada');
    expect(signup.statusCode).toBe(201);
    expect(signup.json().user).toMatchObject({ username: 'ada', tier: 'user' });
    expect(signup.json().user.password_hash).toBeUndefined();
    const cookie = signup.cookies.find((c) => c.name === 'tai_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await browser.request('GET', '/api/v1/auth/me');
    expect(me.json().user.username).toBe('ada');
    expect(me.json().limits.hourly).toBe(100);
    expect((await browser.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await browser.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('requires the CSRF token for signup, login and every state-changing session request', async () => {
    const browser = new BrowserClient(t.app);
    const noToken = await browser.request('POST', '/api/v1/auth/signup', {
      username: 'eve',
      email: 'e@example.org',
      password: STRONG_PASSWORD,
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_INVALID');
    await browser.fetchCsrf();
    const wrong = await browser.request(
      'POST',
      '/api/v1/auth/signup',
      { username: 'eve', email: 'e@example.org', password: STRONG_PASSWORD },
      { 'x-csrf-token': 'forged' },
    );
    expect(wrong.statusCode).toBe(403);
    expect((await browser.signup('eve')).statusCode).toBe(201);
    // Logged in: the session's token is required, the pre-session one no longer works.
    const key = await browser.request('POST', '/api/v1/keys', { name: 'k' }, { 'x-csrf-token': '' });
    expect(key.statusCode).toBe(403);
    expect((await browser.request('POST', '/api/v1/keys', { name: 'k' })).statusCode).toBe(201);
    // A tool call with the session cookie is cookie-authenticated: it needs the token too.
    expect(
      (await browser.request('POST', '/api/v1/sentiment', { text: 'hi' }, { 'x-csrf-token': 'nope' }))
        .statusCode,
    ).toBe(403);
  });

  it('rotates the session and the CSRF token at login (no fixation)', async () => {
    const browser = new BrowserClient(t.app);
    await browser.signup('fixation');
    const before = browser.cookies.get('tai_session');
    const csrfBefore = browser.csrf;
    expect((await browser.login('fixation')).statusCode).toBe(200);
    expect(browser.cookies.get('tai_session')).not.toBe(before);
    expect(browser.csrf).not.toBe(csrfBefore);
    const stale = new BrowserClient(t.app);
    stale.cookies.set('tai_session', before ?? '');
    expect((await stale.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('enforces the password policy and the username rules with clear errors', async () => {
    const browser = new BrowserClient(t.app);
    await browser.fetchCsrf();
    const attempt = (username: string, password: string) =>
      browser.request('POST', '/api/v1/auth/signup', {
        username,
        email: `${username.length}@example.org`,
        password,
      });
    const short = await attempt('shorty', 'abc123');
    expect(short.json().code).toBe('WEAK_PASSWORD');
    expect(short.json().error).toMatch(/at least 12/);
    expect((await attempt('common1', 'password1234!')).json().error).toMatch(/too common/);
    expect((await attempt('qwerty', 'Password123456')).json().error).toMatch(/too common/);
    expect((await attempt('zebra', 'my-zebra-is-purple-42')).json().error).toMatch(/username/);
    for (const name of [
      '../etc/passwd',
      'ab',
      'UPPER',
      'a'.repeat(33),
      'x y',
      'robert"); drop table users;--',
    ]) {
      const response = await attempt(name, STRONG_PASSWORD);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().code).toBe('VALIDATION_ERROR');
    }
    expect((await attempt('long_pass', 'ü'.repeat(80) + ' a real passphrase')).statusCode).toBe(201);
  });

  it('handles passwords past bcrypt’s 72 bytes: every byte counts', async () => {
    const browser = new BrowserClient(t.app);
    const long = 'a distinct passphrase '.repeat(5);
    expect(long.length).toBeGreaterThan(72);
    expect((await browser.signup('longpw', long)).statusCode).toBe(201);
    const other = new BrowserClient(t.app);
    expect((await other.login('longpw', long.slice(0, 80) + 'different tail!!')).statusCode).toBe(401);
    expect((await other.login('longpw', long)).statusCode).toBe(200);
  });

  it('gives one message for a wrong password and a missing user, and throttles failures', async () => {
    const browser = new BrowserClient(t.app, '10.2.2.2');
    await browser.signup('victim');
    const attacker = new BrowserClient(t.app, '10.3.3.3');
    const wrong = await attacker.login('victim', 'not the password at all');
    const missing = await attacker.login('nobody-here', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(missing.statusCode).toBe(401);
    expect(wrong.json().error).toBe(missing.json().error);
    await attacker.login('victim', 'still not the password');
    await attacker.login('victim', 'a third wrong password');
    const throttled = await attacker.login('victim', STRONG_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(throttled.headers['retry-after']).toBeTruthy();
    // The missing user is throttled the same way: no enumeration through the throttle either.
    await attacker.login('nobody-here', 'x'.repeat(12));
    await attacker.login('nobody-here', 'x'.repeat(12));
    expect((await attacker.login('nobody-here', 'x'.repeat(12))).json().code).toBe('TOO_MANY_ATTEMPTS');
    t.clock.advance(16 * 60_000);
    expect((await attacker.login('victim', STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after the idle timeout and after its absolute lifetime', async () => {
    const browser = new BrowserClient(t.app);
    await browser.signup('sleepy');
    t.clock.advance(29 * 60_000);
    expect((await browser.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await browser.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);

    const busy = new BrowserClient(t.app);
    await busy.login('sleepy');
    for (let hour = 0; hour < 12; hour++) {
      t.clock.advance(20 * 60_000);
      await busy.request('GET', '/api/v1/auth/me');
      t.clock.advance(20 * 60_000);
      await busy.request('GET', '/api/v1/auth/me');
      t.clock.advance(20 * 60_000);
      await busy.request('GET', '/api/v1/auth/me');
    }
    expect((await busy.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const phone = new BrowserClient(t.app);
    await phone.signup('changer');
    const laptop = new BrowserClient(t.app);
    await laptop.login('changer');
    const wrong = await laptop.request('POST', '/api/v1/auth/password', {
      current_password: 'wrong wrong wrong',
      new_password: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(401);
    const changed = await laptop.request('POST', '/api/v1/auth/password', {
      current_password: STRONG_PASSWORD,
      new_password: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect((await laptop.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await phone.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new BrowserClient(t.app).login('changer', 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('throttles signups per address with a clear 429, other addresses unaffected', async () => {
    const limited = await createTestApp({ SIGNUP_IP_LIMIT: '2' });
    try {
      const from = (ip: string, username: string) => new BrowserClient(limited.app, ip).signup(username);
      expect((await from('10.7.7.7', 'first_one')).statusCode).toBe(201);
      expect((await from('10.7.7.7', 'second_one')).statusCode).toBe(201);
      const refused = await from('10.7.7.7', 'third_one');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({
        code: 'TOO_MANY_ATTEMPTS',
        error: expect.stringMatching(/try again/),
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(await limited.storage.users.findByUsername('third_one')).toBeUndefined();
      expect((await from('10.8.8.8', 'elsewhere')).statusCode).toBe(201);
      limited.clock.advance(61 * 60_000);
      expect((await from('10.7.7.7', 'third_one')).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it('refuses signup when it is turned off', async () => {
    const closed = await createTestApp({ ENABLE_USER_SIGNUP: 'false' });
    const response = await new BrowserClient(closed.app).signup('nobody');
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('FEATURE_DISABLED');
    await closed.close();
  });
});
