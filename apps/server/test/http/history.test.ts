import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountExportResponse, jobView } from '@textai/contracts';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../helpers/app.ts';
import { postJob, waitForJob } from '../jobs/helpers.ts';

describe('history, analytics and privacy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ HISTORY_EXCERPT_CHARS: '40', HISTORY_RETENTION_DAYS: '30' });
  });
  afterAll(() => t.close());

  it('records every call with source, excerpt, label and model, and keeps users apart', async () => {
    const alice = new BrowserClient(t.app);
    await alice.signup('alice');
    const key = await createKey(alice);
    await alice.request('POST', '/api/v1/sentiment', { text: 'I love it. '.repeat(20) });
    t.clock.advance(1000);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/fake-news',
      payload: { text: 'Scientists confirm the moon is made of cheese.' },
      headers: { 'x-api-key': key },
    });
    t.clock.advance(1000);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/batch/sentiment',
      payload: { texts: ['good', ''] },
      headers: { 'x-api-key': key },
    });

    const list = (await alice.request('GET', '/api/v1/history')).json();
    expect(list.pagination.total).toBe(3);
    const [batch, fake, senti] = list.data;
    expect(batch).toMatchObject({ tool: 'sentiment', source: 'batch', items: 2, failed: 1 });
    expect(fake).toMatchObject({ tool: 'fake-news', source: 'api' });
    expect(['FAKE', 'REAL']).toContain(fake.label);
    expect(senti).toMatchObject({
      tool: 'sentiment',
      source: 'ui',
      label: 'POSITIVE',
      model: { name: 'textai-sentiment' },
    });
    expect(senti.input_excerpt).toHaveLength(41);
    expect(senti.result.explanation).toBeUndefined();

    expect((await alice.request('GET', '/api/v1/history?tool=fake-news')).json().pagination.total).toBe(1);
    expect((await alice.request('GET', '/api/v1/history?limit=1&offset=1')).json().data[0].id).toBe(fake.id);
    expect((await alice.request('GET', '/api/v1/history?q=moon')).json().pagination.total).toBe(1);
    expect((await alice.request('GET', '/api/v1/history?limit=0')).statusCode).toBe(400);

    const mallory = new BrowserClient(t.app);
    await mallory.signup('mallory');
    expect((await mallory.request('GET', `/api/v1/history/${fake.id}`)).statusCode).toBe(404);
    expect((await mallory.request('DELETE', `/api/v1/history/${fake.id}`)).statusCode).toBe(404);
    expect((await mallory.request('GET', '/api/v1/history')).json().pagination.total).toBe(0);
    expect((await alice.request('GET', `/api/v1/history/${fake.id}`)).statusCode).toBe(200);
  });

  it('stores script payloads as data and returns them inertly', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('xss');
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await user.request('POST', '/api/v1/sentiment', { text: payload });
    const response = await user.request('GET', '/api/v1/history');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.json().data[0].input_excerpt).toBe(payload.slice(0, 40) + '…');
    const csv = await user.request('GET', '/api/v1/history/export?format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
  });

  it('exports CSV (formula cells neutralised) and JSON, deletes one and all', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('exporter');
    await user.request('POST', '/api/v1/sentiment', { text: '=HYPERLINK("http://evil.example","click")' });
    t.clock.advance(1000);
    await user.request('POST', '/api/v1/sentiment', { text: 'plain, "quoted" text' });
    const csv = (await user.request('GET', '/api/v1/history/export?format=csv')).body;
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^id,created_at,tool/);
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`"'=HYPERLINK(`);
    const json = (await user.request('GET', '/api/v1/history/export?format=json')).json();
    expect(json).toHaveLength(2);
    expect((await user.request('DELETE', `/api/v1/history/${json[0].id}`)).statusCode).toBe(204);
    expect((await user.request('DELETE', '/api/v1/history')).json()).toEqual({ deleted: 1 });
    expect((await user.request('GET', '/api/v1/history')).json().data).toEqual([]);
  });

  it('keeps no text when the user turns off storing inputs', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('private');
    expect(
      (await user.request('PATCH', '/api/v1/account/settings', { store_inputs: false })).json().store_inputs,
    ).toBe(false);
    await user.request('POST', '/api/v1/summarize', {
      text: 'Secret plans were approved. Nobody else knows. The end is near.',
    });
    const [entry] = (await user.request('GET', '/api/v1/history')).json().data;
    expect(entry.input_excerpt).toBeNull();
    expect(JSON.stringify(entry.result)).not.toContain('Secret');
    expect(entry.result.compression_ratio).toBeGreaterThan(0);
  });

  it('purges entries past the retention period', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('retention');
    await user.request('POST', '/api/v1/sentiment', { text: 'old news' });
    await t.app.services.history.flush();
    t.clock.advance(31 * 86_400_000);
    await user.login('retention');
    await user.request('POST', '/api/v1/sentiment', { text: 'new news' });
    await t.app.services.history.flush();
    expect(await t.app.services.history.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left = (await user.request('GET', '/api/v1/history')).json().data;
    expect(left.map((e: { input_excerpt: string }) => e.input_excerpt)).toEqual(['new news']);
  });

  it('computes analytics per user in the caller’s time zone, and for everyone for the admin', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('counter');
    t.clock.time = Date.UTC(2026, 10, 24, 23, 30);
    await user.login('counter');
    await user.request('POST', '/api/v1/sentiment', { text: 'late night good' });
    t.clock.time = Date.UTC(2026, 10, 25, 0, 30);
    await user.login('counter');
    await user.request('POST', '/api/v1/sentiment', { text: 'early bad' });
    await user.request('POST', '/api/v1/fake-news', { text: 'The council met on Tuesday.' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'guest call' },
      remoteAddress: '10.7.7.7',
    });

    const utc = (await user.request('GET', '/api/v1/analytics')).json();
    expect(utc.scope).toBe('user');
    expect(utc.totals.calls).toBe(3);
    expect(utc.per_tool).toEqual({ sentiment: 2, 'fake-news': 1 });
    expect(utc.most_used_tool).toBe('sentiment');
    const day = (d: string, a: { per_day: { date: string; calls: number }[] }) =>
      a.per_day.find((x) => x.date === d)?.calls;
    expect(day('2026-11-24', utc)).toBe(1);
    expect(day('2026-11-25', utc)).toBe(2);
    expect(utc.per_day).toHaveLength(30);
    const tokyo = (await user.request('GET', '/api/v1/analytics?tz=Asia/Tokyo')).json();
    expect(day('2026-11-25', tokyo)).toBe(3);
    expect(utc.labels.sentiment).toBeDefined();
    expect((await user.request('GET', '/api/v1/analytics?tz=Mars/Olympus')).statusCode).toBe(400);

    await t.storage.users.update(
      (await t.storage.users.findByUsername('counter'))!.id,
      { tier: 'admin' },
      t.clock.now(),
    );
    const everyone = (await user.request('GET', '/api/v1/analytics')).json();
    expect(everyone.scope).toBe('everyone');
    expect(everyone.totals.calls).toBeGreaterThan(utc.totals.calls);
    // Guests included: one more guest call is one more call for everyone.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/fake-news',
      payload: { text: 'A guest asks about the council.' },
      remoteAddress: '10.7.7.8',
    });
    const withGuest = (await user.request('GET', '/api/v1/analytics')).json();
    expect(withGuest.totals.calls).toBe(everyone.totals.calls + 1);
    expect(withGuest.per_tool['fake-news']).toBe(everyone.per_tool['fake-news'] + 1);
  });

  it('filters history by date, and counts the last 7 and 30 days with average latencies', async () => {
    const user = new BrowserClient(t.app);
    const callAt = async (time: number, text: string) => {
      t.clock.time = time;
      expect((await user.login('dated')).statusCode).toBe(200);
      expect((await user.request('POST', '/api/v1/sentiment', { text })).statusCode).toBe(200);
    };
    t.clock.time = Date.UTC(2027, 0, 1, 12);
    await user.signup('dated');
    await callAt(Date.UTC(2027, 0, 10, 12), 'ten days ago, good');
    await callAt(Date.UTC(2027, 0, 17, 12), 'three days ago, bad');
    await callAt(Date.UTC(2027, 0, 20, 12), 'today, great');

    const excerpts = async (query: string) =>
      (
        (await user.request('GET', `/api/v1/history?${query}`)).json().data as { input_excerpt: string }[]
      ).map((e) => e.input_excerpt);
    // A date-only `to` takes in the whole day; a time is exact (`to` excludes it).
    expect(await excerpts('from=2027-01-11&to=2027-01-17')).toEqual(['three days ago, bad']);
    expect(await excerpts('from=2027-01-17')).toEqual(['today, great', 'three days ago, bad']);
    expect(await excerpts('to=2027-01-17T12:00:00Z')).toEqual(['ten days ago, good']);
    expect(await excerpts('from=2027-01-17T12:00:00%2B01:00&tool=sentiment')).toEqual([
      'today, great',
      'three days ago, bad',
    ]);
    expect(await excerpts('tool=summarize&from=2027-01-01')).toEqual([]);
    expect((await user.request('GET', '/api/v1/history?from=yesterday')).json().code).toBe(
      'VALIDATION_ERROR',
    );

    const analytics = (await user.request('GET', '/api/v1/analytics')).json();
    expect(analytics).toMatchObject({ last_7_days: 2, last_30_days: 3, totals: { calls: 3, items: 3 } });
    expect(analytics.totals.average_latency_ms).toBeGreaterThanOrEqual(0);
    expect(Object.keys(analytics.average_latency_ms_per_tool)).toEqual(['sentiment']);
    const labels = analytics.labels.sentiment as Record<string, number>;
    expect(Object.values(labels).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('averages latency over the calls a client waited for, leaving file jobs out', async () => {
    const carol = new BrowserClient(t.app);
    await carol.signup('carol_latency');
    const user = await t.storage.users.findByUsername('carol_latency');
    const entry = (tool: string, source: 'api' | 'job', latencyMs: number, n: number) => ({
      id: `latency-${n}`,
      userId: user?.id ?? null,
      tool,
      source,
      inputExcerpt: null,
      result: {},
      label: null,
      modelName: null,
      modelVersion: null,
      latencyMs,
      items: source === 'job' ? 5000 : 1,
      failed: 0,
      createdAt: t.clock.now() - n * 1000,
    });
    await t.storage.history.insertMany([
      entry('sentiment', 'api', 10, 1),
      entry('sentiment', 'api', 30, 2),
      entry('sentiment', 'job', 5000, 3), // a 5,000-row job's whole run
      entry('summarize', 'job', 8000, 4),
    ]);
    const analytics = (await carol.request('GET', '/api/v1/analytics')).json();
    expect(analytics.totals).toEqual({ calls: 4, items: 10_002, average_latency_ms: 20 });
    expect(analytics.per_tool).toEqual({ sentiment: 3, summarize: 1 });
    expect(analytics.average_latency_ms_per_tool).toEqual({ sentiment: 20 });
  });

  it('counts items and failed items per day, for the error rate per day', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('failing');
    t.clock.time = Date.UTC(2026, 11, 3, 10);
    await user.login('failing');
    // Empty texts are refused one by one: 2 of these 4 items fail.
    const batch = await user.request('POST', '/api/v1/batch/sentiment', { texts: ['good', '', 'bad', ''] });
    expect(batch.json()).toMatchObject({ total: 4, failed: 2 });
    await user.request('POST', '/api/v1/sentiment', { text: 'fine' });
    t.clock.time = Date.UTC(2026, 11, 4, 10);
    await user.login('failing');
    await user.request('POST', '/api/v1/batch/fake-news', { texts: ['The council met on Tuesday.'] });

    type Day = { date: string; calls: number; items: number; failed: number };
    const analytics = (await user.request('GET', '/api/v1/analytics')).json();
    const perDay = new Map((analytics.per_day as Day[]).map((d) => [d.date, d]));
    expect(perDay.get('2026-12-03')).toMatchObject({ calls: 2, items: 5, failed: 2 });
    expect(perDay.get('2026-12-04')).toMatchObject({ calls: 1, items: 1, failed: 0 });
    expect(perDay.get('2026-12-02')).toMatchObject({ calls: 0, items: 0, failed: 0 });
    const failed = (analytics.per_day as Day[]).reduce((sum, d) => sum + d.failed, 0);
    expect(failed).toBe(2);
  });

  it('exports everything about the account and deletes it with the password', async () => {
    const user = new BrowserClient(t.app);
    await user.signup('leaver');
    const key = await createKey(user);
    await user.request('POST', '/api/v1/sentiment', { text: 'bye' });
    const upload = await postJob(
      t.app,
      key,
      { data: 'id,text\n1,great\n2,awful\n', filename: 'farewell-reviews.csv' },
      { tool: 'sentiment' },
    );
    expect(upload.statusCode).toBe(202);
    const jobId = (upload.json() as { id: string }).id;
    await waitForJob(t.app, key, jobId);
    const response = await user.request('GET', '/api/v1/account/export');
    expect(response.statusCode).toBe(200);
    const exported = response.json();
    expect(exported.user.username).toBe('leaver');
    expect(exported.api_keys).toHaveLength(1);
    // The sentiment call, and the job's own entry once it finished.
    expect(exported.history.map((e: { source: string }) => e.source).sort()).toEqual(['job', 'ui']);
    expect(exported.security_events.map((e: { event: string }) => e.event)).toContain('signup');
    expect(exported.jobs).toEqual([
      expect.objectContaining({
        id: jobId,
        tool: 'sentiment',
        status: 'done',
        file: { name: 'farewell-reviews.csv', format: 'csv', bytes: expect.any(Number) },
        total_rows: 2,
        rows_done: 2,
        rows_failed: 0,
        created_at: expect.any(String),
      }),
    ]);
    // Only the documented fields: nothing internal (owner, options, leases, hashes) slips through.
    expect(Object.keys(exported).sort()).toEqual(Object.keys(accountExportResponse.shape).sort());
    expect(Object.keys(exported.jobs[0]).sort()).toEqual(Object.keys(jobView.shape).sort());
    expect(accountExportResponse.strict().safeParse(exported).success).toBe(true);
    expect(JSON.stringify(exported)).not.toMatch(/password_hash|key_hash|user_id|\$2b\$/);

    expect(
      (await user.request('DELETE', '/api/v1/account', { password: 'wrong password here' })).statusCode,
    ).toBe(401);
    expect(
      (await user.request('DELETE', '/api/v1/account', { password: 'correct horse battery staple' }))
        .statusCode,
    ).toBe(204);
    expect(await t.storage.users.findByUsername('leaver')).toBeUndefined();
    expect((await user.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new BrowserClient(t.app).login('leaver')).statusCode).toBe(401);
  });
});
