import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, STRONG_PASSWORD, type TestApp } from '../helpers/app.ts';

describe('admin', () => {
  let t: TestApp;
  let admin: BrowserClient;
  beforeAll(async () => {
    t = await createTestApp({ ADMIN_USERNAME: 'root_admin' });
    await t.app.services.accounts.createUser(
      {
        username: 'root_admin',
        email: 'root@example.org',
        password: 'an admin passphrase here',
        tier: 'admin',
      },
      null,
    );
    admin = new BrowserClient(t.app, '10.5.5.5');
    expect((await admin.login('root_admin', 'an admin passphrase here')).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('keeps admin routes from users', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('plainuser');
    for (const [method, url] of [
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/admin/stats'],
      ['GET', '/api/v1/admin/audit'],
    ] as const) {
      const response = await user.request(method, url);
      expect(response.statusCode, url).toBe(403);
    }
    expect((await user.request('PATCH', '/api/v1/admin/users/whatever', { tier: 'pro' })).statusCode).toBe(
      403,
    );
    expect((await new BrowserClient(t.app).request('GET', '/api/v1/admin/users')).statusCode).toBe(401);
  });

  it('searches and pages users, changes tiers, and the new tier applies at once', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('upgrade_me');
    const found = (await admin.request('GET', '/api/v1/admin/users?q=upgrade')).json();
    expect(found.pagination.total).toBe(1);
    const id = found.data[0].id;
    expect((await admin.request('GET', '/api/v1/admin/users?limit=1')).json().data).toHaveLength(1);
    const patched = await admin.request('PATCH', `/api/v1/admin/users/${id}`, { tier: 'pro' });
    expect(patched.json().tier).toBe('pro');
    expect((await user.request('GET', '/api/v1/auth/me')).json().limits.hourly).toBe(1000);
    expect((await admin.request('PATCH', '/api/v1/admin/users/no-such-id', { tier: 'pro' })).statusCode).toBe(
      404,
    );
    expect((await admin.request('PATCH', `/api/v1/admin/users/${id}`, {})).statusCode).toBe(400);
  });

  it('disabling a user ends their sessions and stops their keys', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('to_disable');
    const key = await createKey(user);
    // Used once first, so the key is in the verified-key cache: disabling must still stop it at once.
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'x' },
      headers: { 'x-api-key': key },
    });
    expect(first.statusCode).toBe(200);
    const id = (await admin.request('GET', '/api/v1/admin/users?q=to_disable')).json().data[0].id;
    expect(
      (await admin.request('PATCH', `/api/v1/admin/users/${id}`, { disabled: true })).json().disabled,
    ).toBe(true);
    expect((await user.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'x' },
      headers: { 'x-api-key': key },
    });
    expect(call.json().code).toBe('INVALID_API_KEY');
    expect((await new BrowserClient(t.app).login('to_disable')).statusCode).toBe(403);
    await admin.request('PATCH', `/api/v1/admin/users/${id}`, { disabled: false });
    expect((await new BrowserClient(t.app).login('to_disable')).statusCode).toBe(200);
  });

  it('issues a one-time reset link that sets a new password and ends sessions', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('forgetful');
    const id = (await admin.request('GET', '/api/v1/admin/users?q=forgetful')).json().data[0].id;
    const link = (await admin.request('POST', `/api/v1/admin/users/${id}/reset-password`)).json();
    expect(link.reset_url).toContain(link.token);
    const anonymous = new BrowserClient(t.app);
    await anonymous.fetchCsrf();
    // A refused password does not use the link up.
    const weak = await anonymous.request('POST', '/api/v1/auth/reset-password', {
      token: link.token,
      new_password: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const reset = await anonymous.request('POST', '/api/v1/auth/reset-password', {
      token: link.token,
      new_password: 'my fresh new passphrase',
    });
    expect(reset.statusCode).toBe(204);
    expect((await user.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const again = await anonymous.request('POST', '/api/v1/auth/reset-password', {
      token: link.token,
      new_password: 'another new passphrase',
    });
    expect(again.statusCode).toBe(400);
    expect((await new BrowserClient(t.app).login('forgetful', 'my fresh new passphrase')).statusCode).toBe(
      200,
    );
    expect((await new BrowserClient(t.app).login('forgetful', STRONG_PASSWORD)).statusCode).toBe(401);
  });

  it('reports system stats and an audit log of security events', async () => {
    // Security events of their own, so the log below is not only what earlier tests left.
    const keyOwner = new BrowserClient(t.app);
    await keyOwner.signup('key_owner');
    await createKey(keyOwner, { name: 'to revoke' });
    const [created] = (await keyOwner.request('GET', '/api/v1/keys')).json().data;
    expect((await keyOwner.request('DELETE', `/api/v1/keys/${created.id}`)).statusCode).toBe(204);
    expect((await new BrowserClient(t.app).login('key_owner', 'not the password at all')).statusCode).toBe(
      401,
    );

    const before = (await admin.request('GET', '/api/v1/admin/stats')).json();
    // One batch of two items, one of them failing: the day's calls and error rate move by exactly that.
    expect(
      (await keyOwner.request('POST', '/api/v1/batch/sentiment', { texts: ['good', ''] })).statusCode,
    ).toBe(200);
    t.clock.advance(5_000);
    const stats = (await admin.request('GET', '/api/v1/admin/stats')).json();
    expect(stats.models).toHaveLength(4);
    expect(stats.models.every((m: { status: string }) => m.status === 'loaded')).toBe(true);
    expect(stats.models.every((m: { version: string }) => m.version.length > 0)).toBe(true);
    expect(stats.database.dialect).toBe('sqlite');
    expect(stats.database.size_bytes).toBeGreaterThan(0);
    expect(stats.memory.rss_bytes).toBeGreaterThan(0);
    expect(stats.uptime_seconds - before.uptime_seconds).toBe(5);
    expect(stats.queue_depth).toBe(0);
    expect(stats.calls_24h - before.calls_24h).toBe(2);
    const failedItems = (s: { error_rate_24h: number; calls_24h: number }) =>
      Math.round(s.error_rate_24h * s.calls_24h);
    expect(failedItems(stats) - failedItems(before)).toBe(1);
    const audit = (await admin.request('GET', '/api/v1/admin/audit?limit=200')).json();
    const events = new Set(audit.data.map((e: { event: string }) => e.event));
    for (const e of [
      'login',
      'signup',
      'key_created',
      'key_revoked',
      'tier_changed',
      'user_disabled',
      'password_reset_issued',
      'password_reset_used',
    ]) {
      expect(events, e).toContain(e);
    }
    expect(JSON.stringify(audit)).not.toMatch(/passphrase|tai_[A-Za-z0-9_-]{43}/);
    const failed = (await admin.request('GET', '/api/v1/admin/audit?event=login_failed')).json();
    // Not vacuous: the wrong password above is in it, under the account it was tried on.
    expect(failed.data.length).toBeGreaterThan(0);
    expect(failed.data.every((e: { event: string }) => e.event === 'login_failed')).toBe(true);
    expect(JSON.stringify(failed.data)).toContain('key_owner');
  });

  it('admins cannot lock themselves out', async () => {
    const me = (await admin.request('GET', '/api/v1/auth/me')).json().user.id;
    expect((await admin.request('PATCH', `/api/v1/admin/users/${me}`, { disabled: true })).statusCode).toBe(
      400,
    );
    expect((await admin.request('PATCH', `/api/v1/admin/users/${me}`, { tier: 'user' })).statusCode).toBe(
      400,
    );
  });
});
