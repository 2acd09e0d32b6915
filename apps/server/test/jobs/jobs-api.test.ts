import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../helpers/app.ts';
import { multipart } from '../helpers/multipart.ts';
import { articlesCsv, reviewsCsv } from './fixtures.ts';
import { batchKey, download, postJob, runJob, waitForJob, type JobJson } from './helpers.ts';

const ADMIN_PASSWORD = 'an admin passphrase for jobs';

const REVIEWS = [
  'id;text;stars',
  'a;"I loved it; the staff were wonderful and kind";5',
  'b;"Terrible service, I want my money back";1',
  'c;"";3',
  'd;"=HYPERLINK(""http://x"")";2',
].join('\r\n');

describe('file jobs through the API', () => {
  let t: TestApp;
  let key = '';
  let otherKey = '';

  beforeAll(async () => {
    t = await createTestApp({ USER_DAILY_ROWS: '20000', MAX_UPLOAD_MB: '2', MAX_JOB_ROWS: '15000' });
    const user = new BrowserClient(t.app, '10.0.0.5');
    await user.signup('batcher');
    key = await createKey(user, { name: 'batch', scopes: ['tools', 'batch', 'history'] });
    otherKey = await batchKey(t.app, '10.0.0.6', 'someone');
  });
  afterAll(() => t.close());

  it('runs a semicolon CSV with a BOM and quoted fields; results keep the file’s columns', async () => {
    const response = await postJob(
      t.app,
      key,
      { data: `\uFEFF${REVIEWS}`, filename: 'reviews.csv' },
      { tool: 'sentiment' },
    );
    expect(response.statusCode, response.body).toBe(202);
    const created = response.json<JobJson>();
    expect(created).toMatchObject({ total_rows: 4, columns: ['id', 'text', 'stars'] });
    const job = await waitForJob(t.app, key, created.id);
    expect(job).toMatchObject({ status: 'done', rows_done: 4, rows_failed: 1 });

    const csv = await download(t.app, key, job.id, 'csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('reviews-sentiment-results.csv');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['row'], r['id'], r['label'], r['error.code']])).toEqual([
      ['1', 'a', 'POSITIVE', ''],
      ['2', 'b', 'NEGATIVE', ''],
      ['3', 'c', '', 'EMPTY_TEXT'],
      ['4', 'd', expect.any(String), ''],
    ]);
    // A formula from the file comes back defused.
    expect(rows[3]?.['text']).toBe('\'=HYPERLINK("http://x")');
    expect(rows[0]?.['stars']).toBe('5');

    const jsonl = await download(t.app, key, job.id, 'jsonl');
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ row: 1, id: 'a', input: { stars: '5' }, label: 'POSITIVE' });
    expect(lines[2]).toMatchObject({ row: 3, id: 'c', error: { code: 'EMPTY_TEXT' } });
  });

  it('keeps every cell of repeated and blank column names in the JSON Lines results', async () => {
    const job = await runJob(
      t.app,
      key,
      { data: 'note,text,note,\nfirst,I love it.,second,fourth\n', filename: 'repeats.csv' },
      { tool: 'sentiment' },
    );
    const jsonl = await download(t.app, key, job.id, 'jsonl');
    const [line] = jsonl.body.trim().split('\n');
    expect((JSON.parse(line ?? '{}') as { input: unknown }).input).toEqual({
      note: 'first',
      text: 'I love it.',
      'note (2)': 'second',
      'column 4': 'fourth',
    });
  });

  it('reads TSV, JSONL and XLSX', async () => {
    const tsv = await postJob(
      t.app,
      key,
      { data: 'title\tbody\nBig news\tThe council approved the budget.\n', filename: 'n.tsv' },
      { tool: 'fake-news', column: 'body', title_column: 'title' },
    );
    expect(tsv.statusCode, tsv.body).toBe(202);
    const jsonl = await postJob(
      t.app,
      key,
      {
        data: '{"id":"x","text":"The mayor opened a new library on Monday. It has ten thousand books. Children can borrow five at a time."}\n',
        filename: 'a.jsonl',
      },
      { tool: 'summarize', sentences: '1' },
    );
    expect(jsonl.statusCode, jsonl.body).toBe(202);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Reviews').addRows([['text'], ['Great phone'], ['Awful battery']]);
    const xlsx = await postJob(
      t.app,
      key,
      { data: Buffer.from(await book.xlsx.writeBuffer()), filename: 'r.xlsx' },
      { tool: 'sentiment' },
    );
    expect(xlsx.statusCode, xlsx.body).toBe(202);
    for (const response of [tsv, jsonl, xlsx]) {
      const job = await waitForJob(t.app, key, response.json<JobJson>().id);
      expect(job.status).toBe('done');
      expect(job.rows_failed).toBe(0);
    }
    const summary = await download(t.app, key, jsonl.json<JobJson>().id, 'jsonl');
    expect((JSON.parse(summary.body) as { sentences: unknown[] }).sentences).toHaveLength(1);
  });

  it('ranks a column of résumés against one job description', async () => {
    const csv = [
      'name,resume',
      'ann,"Backend engineer, 6 years: TypeScript, Node.js, PostgreSQL, Docker, Kubernetes"',
      'bob,"Pastry chef with 10 years in French bakeries"',
      'cy,"Frontend developer: React, TypeScript, CSS"',
    ].join('\n');
    const response = await postJob(
      t.app,
      key,
      { data: csv, filename: 'cvs.csv' },
      {
        tool: 'job-match',
        job_description:
          'Backend engineer: TypeScript, Node.js and PostgreSQL required; Kubernetes a plus. 5+ years.',
      },
    );
    expect(response.statusCode, response.body).toBe(202);
    const job = await waitForJob(t.app, key, response.json<JobJson>().id);
    expect(job.ranked).toBe(true);
    const rows = parse((await download(t.app, key, job.id, 'csv')).body, { columns: true }) as Record<
      string,
      string
    >[];
    const rank = Object.fromEntries(rows.map((r) => [r['name'], Number(r['rank'])]));
    expect(rank).toEqual({ ann: 1, cy: 2, bob: 3 });
  });

  it('refuses bad files before any work, naming the problem', async () => {
    const cases: [Parameters<typeof postJob>[2], Record<string, string>, number, RegExp][] = [
      [{ data: 'id,body\n1,x\n', filename: 'a.csv' }, { tool: 'sentiment' }, 400, /text/],
      [{ data: 'text\n"unclosed\n', filename: 'a.csv' }, { tool: 'sentiment' }, 422, /quote|line/i],
      [
        { data: Buffer.from([0x74, 0x65, 0x78, 0x74, 0x0a, 0xff, 0xfe, 0x41, 0x0a]), filename: 'a.csv' },
        { tool: 'sentiment' },
        415,
        /UTF-8|encoding/i,
      ],
      [{ data: 'text\nfine\n', filename: 'a.csv' }, { tool: 'poetry' }, 400, /tool/],
      [
        { data: 'text\nfine\n', filename: 'a.csv' },
        { tool: 'sentiment', min_length: '9', max_length: '3' },
        400,
        /min_length/,
      ],
      [{ data: 'PK\u0003\u0004garbage', filename: 'a.xlsx' }, { tool: 'sentiment' }, 422, /./],
    ];
    for (const [file, fields, status, message] of cases) {
      const response = await postJob(t.app, key, file, fields);
      expect(response.statusCode, `${file.filename} ${JSON.stringify(fields)}: ${response.body}`).toBe(
        status,
      );
      expect(response.json<{ error: string }>().error).toMatch(message);
    }
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/jobs?limit=100',
      headers: { 'x-api-key': key },
    });
    expect(list.json<{ data: JobJson[] }>().data.every((j) => j.status !== 'failed')).toBe(true);
  });

  it('refuses a file over the upload limit, the row limit, or the daily rows left', async () => {
    const big = await postJob(
      t.app,
      key,
      { data: `text\n${'x'.repeat(3 * 1024 * 1024)}\n`, filename: 'big.csv' },
      { tool: 'sentiment' },
    );
    expect(big.statusCode).toBe(413);
    expect(big.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
    const rows = `text\n${'ok\n'.repeat(15_001)}`;
    const tooMany = await postJob(t.app, key, { data: rows, filename: 'many.csv' }, { tool: 'sentiment' });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json<{ error: string }>().error).toMatch(/15,?000/);
    // The daily quota is 20,000 rows: the first 10,001 are charged, the next 10,001 do not fit.
    const rowsFile = { data: `text\n${'ok\n'.repeat(10_001)}`, filename: 'q.csv' };
    const first = await postJob(t.app, otherKey, rowsFile, { tool: 'sentiment' });
    expect(first.statusCode, first.body).toBe(202);
    const quota = await postJob(t.app, otherKey, rowsFile, { tool: 'sentiment' });
    expect(quota.statusCode).toBe(429);
    expect(quota.json<{ code: string; error: string }>()).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      error: expect.stringMatching(/daily limit/),
    });
    // The refused file was stored as it was read (its rows are counted on the way) and then
    // deleted with its chunks: only the accepted job is left.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/jobs',
      headers: { 'x-api-key': otherKey },
    });
    expect(list.json<{ data: JobJson[] }>().data.map((job) => job.id)).toEqual([first.json<JobJson>().id]);
    // Refused as soon as its rows pass the 9,999 left, not once the whole file is read: this file
    // would otherwise meet the row limit (15,000) further down and be a 413.
    const longFile = { data: `text\n${'ok\n'.repeat(20_000)}`, filename: 'long.csv' };
    const early = await postJob(t.app, otherKey, longFile, { tool: 'sentiment' });
    expect(early.statusCode, early.body).toBe(429);
    expect(early.json<{ error: string }>().error).toBe(
      'daily limit of 20000 rows: the file has more rows than the 9999 left today',
    );
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('shows a user only their own jobs', async () => {
    const response = await postJob(
      t.app,
      key,
      { data: 'text\nhello\n', filename: 'a.csv' },
      { tool: 'sentiment' },
    );
    const id = response.json<JobJson>().id;
    for (const [method, url] of [
      ['GET', `/api/v1/jobs/${id}`],
      ['GET', `/api/v1/jobs/${id}/result`],
      ['GET', `/api/v1/jobs/${id}/events`],
      ['POST', `/api/v1/jobs/${id}/cancel`],
      ['DELETE', `/api/v1/jobs/${id}`],
    ] as const) {
      const other = await t.app.inject({ method, url, headers: { 'x-api-key': otherKey } });
      expect(other.statusCode, `${method} ${url}`).toBe(404);
    }
    await waitForJob(t.app, key, id);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/jobs/${id}`, headers: { 'x-api-key': key } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: { 'x-api-key': key } }))
        .statusCode,
    ).toBe(404);
  });

  it('needs a session with CSRF, or a key with the batch scope', async () => {
    const body = await multipart({ tool: 'sentiment', file: { data: 'text\nhi\n', filename: 'a.csv' } });
    const guest = await t.app.inject({ method: 'POST', url: '/api/v1/jobs', ...body });
    expect(guest.statusCode).toBe(401);
    const browser = new BrowserClient(t.app, '10.0.0.9');
    await browser.signup('webuser');
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      payload: body.payload,
      headers: { ...body.headers, cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      payload: body.payload,
      headers: { ...body.headers, cookie, 'x-csrf-token': browser.csrf },
    });
    expect(withCsrf.statusCode, withCsrf.body).toBe(202);
  });

  it('streams progress as Server-Sent Events until the job ends', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `"review ${i}: the food was ${i % 2 ? 'great' : 'awful'}"`,
    );
    const response = await postJob(
      t.app,
      key,
      { data: `text\n${rows.join('\n')}\n`, filename: 'sse.csv' },
      { tool: 'sentiment' },
    );
    const id = response.json<JobJson>().id;
    const events = await t.app.inject({
      method: 'GET',
      url: `/api/v1/jobs/${id}/events`,
      headers: { 'x-api-key': key },
    });
    expect(events.headers['content-type']).toContain('text/event-stream');
    const progress = [...events.body.matchAll(/event: progress\ndata: (.*)\n/g)].map(
      (m) => JSON.parse(m[1] ?? '{}') as JobJson,
    );
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(events.body).toMatch(/event: end\ndata: .*"status":"done"/);
    expect(progress.at(-1)).toMatchObject({ status: 'done', rows_done: 3000 });
  });

  it('runs a 10,000-row file end to end', async () => {
    const job = await runJob(
      t.app,
      key,
      { data: reviewsCsv(10_000), filename: 'ten-k.csv' },
      { tool: 'sentiment' },
    );
    expect(job).toMatchObject({ status: 'done', total_rows: 10_000, rows_done: 10_000, rows_failed: 0 });
    const rows = parse((await download(t.app, key, job.id, 'csv')).body, { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]).toMatchObject({
      id: 'r10000',
      label: expect.stringMatching(/POSITIVE|NEGATIVE|NEUTRAL/),
    });
  });

  it('cancels a running job; the rows done so far stay downloadable', async () => {
    const response = await postJob(
      t.app,
      key,
      { data: articlesCsv(1000, 25), filename: 'long.csv' },
      { tool: 'summarize' },
    );
    expect(response.statusCode, response.body).toBe(202);
    const id = response.json<JobJson>().id;
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: { 'x-api-key': key },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<JobJson>().status).toBe('cancelled');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: { 'x-api-key': key },
    });
    expect(again.statusCode).toBe(409);
    // Chunks in hand when it was cancelled still commit; none starts after. Wait for the runner to
    // go idle (a chunk of long articles can take seconds on a loaded machine), not a fixed time.
    const runner = t.app.services.jobRunner;
    for (const deadline = Date.now() + 60_000; (runner?.busy ?? 0) > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runner?.busy).toBe(0);
    const job = (
      await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: { 'x-api-key': key } })
    ).json<JobJson>();
    expect(job.status).toBe('cancelled');
    expect(job.rows_done).toBeLessThan(1000);
    const result = await download(t.app, key, id, 'jsonl');
    expect(result.statusCode).toBe(200);
    const lines = result.body === '' ? [] : result.body.trim().split('\n');
    expect(lines).toHaveLength(job.rows_done);
  });

  it('shows the queue and the rows run in the admin stats and the metrics', async () => {
    await t.app.services.accounts.createUser(
      { username: 'jobs_admin', email: 'ja@example.org', password: ADMIN_PASSWORD, tier: 'admin' },
      null,
    );
    const admin = new BrowserClient(t.app, '10.0.0.77');
    expect((await admin.login('jobs_admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    const stats = await admin.request('GET', '/api/v1/admin/stats');
    expect(stats.json()).toMatchObject({
      queue_depth: 0,
      jobs: { active: 0, runner: 'threads', threads_busy: 0 },
    });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/textai_queue_depth 0/);
    const ok = /textai_job_rows_total\{tool="sentiment",outcome="ok"\} (\d+)/.exec(metrics.body);
    expect(Number(ok?.[1])).toBeGreaterThanOrEqual(10_000);
    expect(metrics.body).toMatch(/textai_job_rows_total\{tool="sentiment",outcome="error"\} 1/);
  });

  it('deletes jobs JOB_RETENTION_DAYS after they end', async () => {
    const response = await postJob(
      t.app,
      key,
      { data: 'text\nkeep me a while\n', filename: 'old.csv' },
      { tool: 'sentiment' },
    );
    const job = await waitForJob(t.app, key, response.json<JobJson>().id);
    expect(job.status).toBe('done');
    t.clock.advance(6 * 86_400_000);
    await t.app.services.jobs.purgeExpired();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { 'x-api-key': key } }))
        .statusCode,
    ).toBe(200);
    t.clock.advance(2 * 86_400_000);
    expect(await t.app.services.jobs.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}`, headers: { 'x-api-key': key } }))
        .statusCode,
    ).toBe(404);
  });

  it('records each job as one history entry with its counts', async () => {
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/v1/history?limit=200',
      headers: { 'x-api-key': key },
    });
    const entries = history.json<{
      data: { source: string; items: number; failed: number; input_excerpt: string | null }[];
    }>().data;
    const jobEntries = entries.filter((e) => e.source === 'job');
    expect(jobEntries.find((e) => e.input_excerpt === 'reviews.csv')).toMatchObject({ items: 4, failed: 1 });
  });
});
