import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loggerOptions } from '../../src/logging.ts';
import { MemoryCounterStore } from '../../src/services/limits/counter-store.ts';
import { openStorage } from '../../src/storage/index.ts';
import {
  BrowserClient,
  createKey,
  createTestApp,
  loadTools,
  STRONG_PASSWORD,
  type TestApp,
} from '../helpers/app.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';

describe('health, metrics, docs and headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: 'metrics-token-for-tests' });
  });
  afterAll(() => t.close());

  it('answers the health endpoints', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().models).toHaveLength(4);
    const st = await t.app.inject('/_stcore/health');
    expect(st.body).toBe('ok');
  });

  it('turns /readyz to 503 when the database is gone', async () => {
    const broken = await createTestApp();
    await broken.storage.close();
    const ready = await broken.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().database).toBe('unreachable');
    await broken.app.close();
  });

  it('protects /metrics with METRICS_TOKEN and exposes request, tool and limit metrics', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/sentiment', payload: { text: 'good' } });
    // A guest past the guest limit (10 an hour): one rejection to count.
    for (let call = 0; call <= 10; call++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/summarize',
        payload: { text: 'One sentence here. Another one there.' },
        remoteAddress: '10.9.9.9',
      });
      expect(response.statusCode).toBe(call < 10 ? 200 : 429);
    }
    expect((await t.app.inject('/metrics')).statusCode).toBe(401);
    const metrics = await t.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-for-tests' },
    });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(
      /http_requests_total\{route="\/api\/v1\/sentiment",method="POST",status="200"\} 1/,
    );
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/textai_tool_calls_total\{tool="sentiment",source="ui",outcome="ok"\} 1/);
    expect(metrics.body).toMatch(/textai_model_latency_seconds_count\{tool="sentiment"\} 1\n/);
    expect(metrics.body).toMatch(/textai_model_latency_seconds_count\{tool="summarize"\} 10\n/);
    expect(metrics.body).toMatch(/textai_rate_limit_rejections_total\{tier="guest"\} 1\n/);
    expect(metrics.body).toMatch(/textai_queue_depth 0\n/);
  });

  it('publishes an OpenAPI document generated from the route schemas, and Swagger UI', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sentiment',
        '/api/v1/auth/login',
        '/api/v1/history',
        '/api/sentiment',
      ]),
    );
    expect(doc.paths['/api/v1/sentiment'].post.requestBody).toBeDefined();
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('sends security headers; HSTS only over HTTPS', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('allows CORS only for configured origins', async () => {
    const cors = await createTestApp({ CORS_ORIGINS: 'https://app.example.org' });
    const allowed = await cors.app.inject({
      url: '/healthz',
      headers: { origin: 'https://app.example.org' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
    const other = await cors.app.inject({ url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await cors.close();
  });
});

describe('behind a TLS proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true', GUEST_RATE_LIMIT: '1' });
  });
  afterAll(() => t.close());

  it('believes X-Forwarded-For and -Proto: Secure cookies, HSTS, per-client limits', async () => {
    const headers = (ip: string) => ({ 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'a' },
      headers: headers('203.0.113.1'),
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers['strict-transport-security']).toMatch(/max-age=/);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'a' },
      headers: headers('203.0.113.1'),
    });
    expect(second.statusCode).toBe(429);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'a' },
      headers: headers('203.0.113.2'),
    });
    expect(other.statusCode).toBe(200);
    const csrf = await t.app.inject({ url: '/api/v1/auth/csrf', headers: headers('203.0.113.3') });
    expect(csrf.cookies.find((c) => c.name === 'tai_csrf')?.secure).toBe(true);
  });
});

describe('with an https:// PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true', PUBLIC_URL: 'HTTPS://studio.example.org/' });
    await t.app.services.accounts.createUser(
      { username: 'proxied', email: 'proxied@example.org', password: STRONG_PASSWORD, tier: 'user' },
      null,
    );
  });
  afterAll(() => t.close());

  it('sets Secure cookies even when the proxy forgets X-Forwarded-Proto', async () => {
    // The request arrives as plain HTTP (no X-Forwarded-Proto), as from a misconfigured proxy.
    const csrf = await t.app.inject({ url: '/api/v1/auth/csrf' });
    const csrfCookie = csrf.cookies.find((c) => c.name === 'tai_csrf');
    expect(csrfCookie?.secure).toBe(true);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: {
        cookie: `tai_csrf=${csrfCookie?.value ?? ''}`,
        'x-csrf-token': (csrf.json() as { csrf_token: string }).csrf_token,
      },
      payload: { username: 'proxied', password: STRONG_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    for (const name of ['tai_session', 'tai_csrf']) {
      expect(login.cookies.find((c) => c.name === name)?.secure, name).toBe(true);
    }
  });

  it('sends HSTS even when the proxy forgets X-Forwarded-Proto, on framework errors too', async () => {
    for (const url of ['/healthz', '/api/v1/no-such-route', '/%zz']) {
      const response = await t.app.inject({ url });
      expect(response.headers['strict-transport-security'], url).toMatch(/^max-age=\d{7,}/);
    }
  });
});

describe('with an http:// PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true', PUBLIC_URL: 'http://studio.example.org/' });
  });
  afterAll(() => t.close());

  it('sends no HSTS and no Secure cookies over plain HTTP (HSTS would lock browsers out)', async () => {
    for (const url of ['/healthz', '/%zz']) {
      expect((await t.app.inject({ url })).headers['strict-transport-security'], url).toBeUndefined();
    }
    const csrf = await t.app.inject({ url: '/api/v1/auth/csrf' });
    expect(csrf.cookies.find((c) => c.name === 'tai_csrf')?.secure).toBeFalsy();
    // A request the proxy marks as HTTPS still gets both.
    const https = await t.app.inject({ url: '/api/v1/auth/csrf', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toMatch(/^max-age=/);
    expect(https.cookies.find((c) => c.name === 'tai_csrf')?.secure).toBe(true);
  });
});

describe('logging', () => {
  it('writes structured JSON with request ids and redacts credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    // The server's own logger options (as LOG_LEVEL=info without LOG_FILE gives them), into a sink.
    const options = await loggerOptions({ logLevel: 'info', logFile: undefined });
    if (options === false) throw new Error('LOG_LEVEL=info must log');
    const logger = pino(options, sink);
    const database = sqliteTestDatabase();
    const config = loadConfig({
      APP_ENV: 'test',
      BCRYPT_COST: '4',
      DATABASE_URL: `sqlite:${database.target.kind === 'sqlite' ? database.target.file : ''}`,
    });
    const storage = openStorage(config.database);
    await storage.migrate();
    const counters = new MemoryCounterStore();
    const app = await buildApp({
      config,
      storage,
      tools: await loadTools(),
      counters,
      loggerInstance: logger,
    });
    const browser = new BrowserClient(app);
    await browser.signup('logged', 'a very secret passphrase');
    const key = await createKey(browser);
    await app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'x' },
      headers: { 'x-api-key': key, 'x-request-id': 'req-abc-123' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'x' },
      headers: { authorization: `Bearer ${key}` },
    });
    logger.info(
      { body: { password: 'a very secret passphrase', token: 'tok-secret' } },
      'a careless log call',
    );
    await app.close();
    await counters.close();
    await storage.close();
    await database.drop();

    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).toContain('req-abc-123');
    for (const secret of [
      key,
      'a very secret passphrase',
      'tok-secret',
      browser.csrf,
      ...browser.cookies.values(),
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[redacted]');
  });
});
