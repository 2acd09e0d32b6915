import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../helpers/app.ts';

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ENABLE_GUEST_ACCESS: 'false', USER_RATE_LIMIT: '5' });
  });
  afterAll(() => t.close());

  const sentiment = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/sentiment', payload: { text: 'Lovely.' }, headers });

  it('shows the key once, stores only its hash, and works in either header without CSRF', async () => {
    const owner = new BrowserClient(t.app);
    await owner.signup('keyholder');
    const created = await owner.request('POST', '/api/v1/keys', { name: 'ci' });
    expect(created.statusCode).toBe(201);
    const { key, prefix, last4 } = created.json();
    expect(key).toMatch(/^tai_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, 8));
    expect(last4).toBe(key.slice(-4));
    const listed = await owner.request('GET', '/api/v1/keys');
    expect(JSON.stringify(listed.json())).not.toContain(key);
    const stored = await t.storage.apiKeys.listForUser(
      listed.json().data[0].user_id ?? (await t.storage.users.findByUsername('keyholder'))!.id,
    );
    expect(JSON.stringify(stored)).not.toContain(key);

    expect((await sentiment({ 'x-api-key': key })).statusCode).toBe(200);
    expect((await sentiment({ authorization: `Bearer ${key}` })).statusCode).toBe(200);
    // A key ignores cookies: a bogus cookie next to it changes nothing.
    expect((await sentiment({ 'x-api-key': key, cookie: 'tai_session=garbage' })).statusCode).toBe(200);
    const used = (await owner.request('GET', '/api/v1/keys')).json().data[0];
    expect(used.last_used_at).not.toBeNull();
  });

  it('refuses wrong, revoked and expired keys with INVALID_API_KEY', async () => {
    const owner = new BrowserClient(t.app);
    await owner.signup('revoker');
    const key = await createKey(owner);
    const short = await createKey(owner, { name: 'short', expires_in_days: 1 });
    for (const bad of [
      'tai_nonsense',
      'x'.repeat(10_000),
      `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`,
    ]) {
      const response = await sentiment({ 'x-api-key': bad });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('INVALID_API_KEY');
    }
    const id = (await owner.request('GET', '/api/v1/keys'))
      .json()
      .data.find((k: { name: string }) => k.name === 'test').id;
    expect((await owner.request('DELETE', `/api/v1/keys/${id}`)).statusCode).toBe(204);
    expect((await sentiment({ 'x-api-key': key })).json().code).toBe('INVALID_API_KEY');
    expect((await owner.request('DELETE', `/api/v1/keys/${id}`)).statusCode).toBe(404);

    expect((await sentiment({ 'x-api-key': short })).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1);
    expect((await sentiment({ 'x-api-key': short })).json().code).toBe('INVALID_API_KEY');
  });

  it('limits a key to its scopes and never lets a key manage keys or accounts', async () => {
    const owner = new BrowserClient(t.app);
    await owner.signup('scoped');
    const toolsOnly = await createKey(owner, { name: 'tools', scopes: ['tools'] });
    expect((await sentiment({ 'x-api-key': toolsOnly })).statusCode).toBe(200);
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/v1/history',
      headers: { 'x-api-key': toolsOnly },
    });
    expect(history.statusCode).toBe(403);
    const keys = await t.app.inject({
      method: 'POST',
      url: '/api/v1/keys',
      payload: { name: 'x' },
      headers: { 'x-api-key': toolsOnly },
    });
    expect(keys.statusCode).toBe(403);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/account',
      payload: { password: 'x' },
      headers: { 'x-api-key': toolsOnly },
    });
    expect(del.statusCode).toBe(403);
  });

  it('rate-limits per key at the user tier, with headers', async () => {
    const owner = new BrowserClient(t.app);
    await owner.signup('limited');
    const key = await createKey(owner);
    const results = await Promise.all(Array.from({ length: 8 }, () => sentiment({ 'x-api-key': key })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(3);
    // A second key of the same user has its own budget.
    const second = await createKey(owner, { name: 'second' });
    expect((await sentiment({ 'x-api-key': second })).statusCode).toBe(200);
  });
});
