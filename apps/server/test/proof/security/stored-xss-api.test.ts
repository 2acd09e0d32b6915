import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, STRONG_PASSWORD, type TestApp } from '../../helpers/app.ts';
import { postJob, waitForJob } from '../../jobs/helpers.ts';
import { ProbeTally } from './probe.ts';
import { FORMULA_PAYLOADS, isLiveFormula, XSS_FILE_NAME, XSS_PAYLOADS } from './xss-payloads.ts';

const ADMIN_PASSWORD = 'an admin passphrase for xss probes';

/** Every CSV cell, header included. */
function cells(csv: string): string[] {
  return (parse(csv, { relax_column_count: true }) as string[][]).flat();
}

/**
 * Stored XSS through the API: payloads put into every stored field a user controls — key names,
 * history text, a job's file name, column names and cells, a failed login's username (shown in
 * the admin's audit log) — come back unchanged inside JSON served as application/json with
 * nosniff, never as HTML; usernames and emails that carry markup are refused at signup; CSV
 * exports (history, job results) neutralise cells a spreadsheet would run as formulas.
 */
describe('stored XSS and CSV injection through the API', { timeout: 60_000 }, () => {
  let t: TestApp;
  let user: BrowserClient;
  let admin: BrowserClient;
  let key = '';
  const tally = new ProbeTally('stored XSS (API)');

  function expectJson(name: string, response: LightMyRequestResponse, contains: readonly string[]) {
    return tally.check(name, () => {
      expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(300);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      // The payload comes back as the exact string stored (JSON-escaped, not mangled or unescaped).
      const text = JSON.stringify(response.json());
      for (const payload of contains) expect(text).toContain(JSON.stringify(payload).slice(1, -1));
    });
  }

  function expectSafeCsv(name: string, response: LightMyRequestResponse, expectedFormulas: number) {
    return tally.check(name, () => {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-disposition']).toMatch(/^attachment;/);
      const all = cells(response.body);
      expect(all.filter(isLiveFormula)).toEqual([]);
      // The formulas are there, defused with a leading quote, not dropped.
      const defused = all.filter((cell) => FORMULA_PAYLOADS.some((f) => cell.includes(`'${f}`)));
      expect(defused.length).toBeGreaterThanOrEqual(expectedFormulas);
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_USERNAME: 'xss_admin', WORKER_CONCURRENCY: '1' });
    await t.app.services.accounts.createUser(
      { username: 'xss_admin', email: 'xss-admin@example.org', password: ADMIN_PASSWORD, tier: 'admin' },
      null,
    );
    admin = new BrowserClient(t.app, '10.11.0.1');
    expect((await admin.login('xss_admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    user = new BrowserClient(t.app, '10.11.0.2');
    expect((await user.signup('xss_user')).statusCode).toBe(201);
    expect((await user.request('PATCH', '/api/v1/account/settings', { store_inputs: true })).statusCode).toBe(
      200,
    );
    const created = await user.request('POST', '/api/v1/keys', { name: 'xss key' });
    key = (created.json() as { key: string }).key;
  });
  afterAll(() => t.close());

  it('refuses markup in usernames and emails at signup', async () => {
    for (const payload of XSS_PAYLOADS) {
      for (const field of ['username', 'email'] as const) {
        await tally.check(`signup with ${field} ${payload}`, async () => {
          const browser = new BrowserClient(t.app, '10.11.1.1');
          await browser.fetchCsrf();
          const response = await browser.request('POST', '/api/v1/auth/signup', {
            username: field === 'username' ? payload : 'fine_name',
            email: field === 'email' ? payload : 'fine@example.org',
            password: STRONG_PASSWORD,
          });
          expect(response.statusCode).toBe(400);
          expect(response.headers['content-type']).toMatch(/^application\/json/);
        });
      }
    }
  });

  it('returns stored key names, history, job names and columns, and audit entries as JSON', async () => {
    for (const payload of XSS_PAYLOADS) {
      const created = await user.request('POST', '/api/v1/keys', { name: payload });
      await expectJson(`create a key named ${payload}`, created, [payload]);
    }
    await expectJson('GET /keys', await user.request('GET', '/api/v1/keys'), XSS_PAYLOADS);

    const text = [...XSS_PAYLOADS, 'What a lovely day.'].join(' ');
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      headers: { 'x-api-key': key },
      payload: { text },
    });
    await expectJson('a tool call echoing nothing unsafe', call, []);
    const formulaCall = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      headers: { 'x-api-key': key },
      payload: { text: FORMULA_PAYLOADS[0] },
    });
    expect(formulaCall.statusCode).toBe(200);
    const history = await user.request('GET', '/api/v1/history');
    await expectJson('GET /history', history, XSS_PAYLOADS);
    const entries = (history.json() as { data: { id: string; input_excerpt: string | null }[] }).data;
    const entryId = entries.find((e) => e.input_excerpt?.includes('lovely day'))?.id ?? 'missing';
    await expectJson(
      'GET /history/:id',
      await user.request('GET', `/api/v1/history/${entryId}`),
      XSS_PAYLOADS,
    );
    await expectJson(
      'GET /history/export?format=json',
      await user.request('GET', '/api/v1/history/export?format=json'),
      XSS_PAYLOADS,
    );
    await expectSafeCsv(
      'GET /history/export?format=csv',
      await user.request('GET', '/api/v1/history/export?format=csv'),
      1,
    );

    const header = ['text', ...XSS_PAYLOADS, ...FORMULA_PAYLOADS];
    const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
    const csv = [
      header.map(quote).join(','),
      header.map((_, i) => quote(i === 0 ? 'A fine review.' : (FORMULA_PAYLOADS[i % 3] ?? ''))).join(','),
      '',
    ].join('\n');
    const fileName = XSS_FILE_NAME;
    const job = await postJob(
      t.app,
      key,
      { data: csv, filename: fileName },
      { tool: 'sentiment', column: 'text' },
    );
    await tally.check('the job is accepted', () => expect(job.statusCode, job.body).toBe(202));
    const jobId = (job.json() as { id: string }).id;
    await waitForJob(t.app, key, jobId);
    await expectJson(
      'GET /jobs/:id (file name and columns)',
      await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: { 'x-api-key': key } }),
      [fileName, ...XSS_PAYLOADS],
    );
    await expectJson('GET /jobs', await user.request('GET', '/api/v1/jobs'), [fileName]);
    await expectSafeCsv(
      'GET /jobs/:id/result?format=csv',
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/jobs/${jobId}/result?format=csv`,
        headers: { 'x-api-key': key },
      }),
      FORMULA_PAYLOADS.length,
    );

    const attacker = new BrowserClient(t.app, '10.11.2.2');
    await attacker.login(XSS_PAYLOADS[0], 'not a password at all');
    await expectJson(
      'GET /admin/audit (a failed login’s username)',
      await admin.request('GET', '/api/v1/admin/audit'),
      [XSS_PAYLOADS[0]],
    );
    await expectJson('GET /admin/users', await admin.request('GET', '/api/v1/admin/users'), ['xss_user']);

    // A browser asking for HTML still gets JSON, and markup reflected from a URL stays inside it.
    await expectJson(
      'GET /keys with Accept: text/html',
      await user.request('GET', '/api/v1/keys', undefined, { accept: 'text/html' }),
      XSS_PAYLOADS,
    );
    for (const url of [
      `/api/v1/${encodeURIComponent(XSS_PAYLOADS[0])}`,
      `/api/v1/history/${encodeURIComponent(XSS_PAYLOADS[1])}`,
      `/api/v1/history/export?format=${encodeURIComponent(XSS_PAYLOADS[2])}`,
    ]) {
      await tally.check(`reflected in an error: ${url}`, async () => {
        const response = await user.request('GET', url, undefined, { accept: 'text/html' });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      });
    }
    tally.finish(24);
  });
});
