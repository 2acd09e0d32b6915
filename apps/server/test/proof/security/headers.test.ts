import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, type TestApp } from '../../helpers/app.ts';
import { ProbeTally } from './probe.ts';

const WEB_ROOT = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

/** The sources a CSP allows for scripts: script-src, else default-src. */
function scriptSources(csp: string): string[] {
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== undefined && parts[0] !== '')
      .map(([name = '', ...values]) => [name.toLowerCase(), values] as const),
  );
  return directives.get('script-src') ?? directives.get('default-src') ?? ['*'];
}

/**
 * Security headers on every kind of response — the web app's HTML, static files, JSON, the API
 * docs, and errors from 400 to 429 — over plain HTTP and over HTTPS behind a trusted proxy: a CSP
 * whose scripts allow neither 'unsafe-inline' nor 'unsafe-eval' nor remote hosts, framing denied,
 * nosniff, a Referrer-Policy, and HSTS exactly when the request came over HTTPS.
 */
describe('security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1', GUEST_RATE_LIMIT: '1' }, { webRoot: WEB_ROOT });
  });
  afterAll(() => t.close());

  async function responses(https: boolean): Promise<[string, number, LightMyRequestResponse][]> {
    const headers: Record<string, string> = https
      ? { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' }
      : {};
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers });
    const post = (url: string, payload: object, extra: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { ...headers, ...extra },
        remoteAddress: https ? '127.0.0.1' : '10.1.0.1',
      });
    const browser = new BrowserClient(t.app, https ? '10.1.1.2' : '10.1.1.1');
    await browser.signup(https ? 'headers_https' : 'headers_http');
    const guestCall = () => post('/api/v1/sentiment', { text: 'A guest call.' });
    const ok = await guestCall();
    const limited = await guestCall();
    return [
      ['HTML (/)', 200, await get('/')],
      ['HTML (an app route)', 200, await get('/history')],
      ['a static file', 200, await get('/favicon.svg')],
      ['the API docs', 200, await get('/api/docs')],
      ['JSON (tool call)', 200, ok],
      ['JSON (GET /healthz)', 200, await get('/healthz')],
      ['a validation error', 400, await post('/api/v1/sentiment', { wrong: true })],
      ['no login', 401, await get('/api/v1/keys')],
      [
        'a bad CSRF token',
        403,
        await browser.request('POST', '/api/v1/keys', { name: 'k' }, { 'x-csrf-token': 'x', ...headers }),
      ],
      ['an unknown API route', 404, await get('/api/v1/no-such-route')],
      ['a missing asset', 404, await get('/assets/missing.js')],
      ['the rate limit', 429, limited],
    ];
  }

  it('sends them on HTML, JSON and error responses, HSTS only over HTTPS', async () => {
    const tally = new ProbeTally('security headers');
    for (const https of [false, true]) {
      const scheme = https ? 'HTTPS' : 'HTTP';
      for (const [kind, status, response] of await responses(https)) {
        const name = `${scheme} ${kind} (${response.statusCode})`;
        const header = (key: string) => {
          const value = response.headers[key];
          return Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value);
        };
        await tally.check(`${name}: CSP without inline, eval or remote scripts`, () => {
          const csp = header('content-security-policy');
          expect(csp).toBeDefined();
          const sources = scriptSources(csp ?? '');
          expect(sources).not.toContain("'unsafe-inline'");
          expect(sources).not.toContain("'unsafe-eval'");
          expect(sources.filter((s) => s === '*' || /^(https?:|\*\.)/.test(s))).toEqual([]);
          expect(csp).toMatch(/object-src 'none'/);
        });
        await tally.check(`${name}: framing denied (frame-ancestors 'none' and X-Frame-Options DENY)`, () => {
          expect(header('content-security-policy')).toMatch(/frame-ancestors 'none'/);
          expect(header('x-frame-options')).toBe('DENY');
        });
        await tally.check(`${name}: nosniff`, () => expect(header('x-content-type-options')).toBe('nosniff'));
        await tally.check(`${name}: Referrer-Policy`, () =>
          expect(header('referrer-policy')).toMatch(
            /^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/,
          ),
        );
        await tally.check(`${name}: HSTS ${https ? 'sent' : 'not sent'}`, () => {
          if (https) expect(header('strict-transport-security')).toMatch(/max-age=\d{7,}/);
          else expect(header('strict-transport-security')).toBeUndefined();
        });
        await tally.check(`${name}: answered ${status}`, () => expect(response.statusCode).toBe(status));
      }
    }
    tally.finish(2 * 12 * 6);
  });
});
