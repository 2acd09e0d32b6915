import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { batchKey, download, postJob, waitForJob, type JobJson } from './helpers.ts';

const BACKEND_JOB =
  'Backend engineer: TypeScript, Node.js and PostgreSQL required; Kubernetes a plus. 5+ years.';
const BAKER_JOB = 'Pastry chef for a French bakery: croissants, laminated dough, 5 years in a bakery.';
const BACKEND_CV = 'Backend engineer, 6 years: TypeScript, Node.js, PostgreSQL, Docker, Kubernetes';
const BAKER_CV = 'Pastry chef with 10 years in French bakeries: croissants, laminated dough, sourdough';

/**
 * job-match's first mode through the jobs API: each row carries its own résumé and its own job
 * description (`resume_column` and `job_column`), is scored against its own pair, and nothing is
 * ranked. The other mode (one job_description against a column of résumés) is in jobs-api.test.ts.
 */
describe('job-match file jobs with a résumé and a job description on each row', () => {
  let t: TestApp;
  let key = '';

  beforeAll(async () => {
    t = await createTestApp();
    key = await batchKey(t.app, '10.0.3.1', 'recruiter');
  });
  afterAll(() => t.close());

  it('scores each row against its own job description, failing only the row without one', async () => {
    const csv = [
      'candidate;cv;posting',
      `ann;"${BACKEND_CV}";"${BACKEND_JOB}"`,
      `ann;"${BACKEND_CV}";"${BAKER_JOB}"`,
      `bea;"${BAKER_CV}";"${BAKER_JOB}"`,
      `bea;"${BAKER_CV}";""`,
    ].join('\n');
    const response = await postJob(
      t.app,
      key,
      { data: csv, filename: 'pairs.csv' },
      { tool: 'job-match', resume_column: 'cv', job_column: 'posting' },
    );
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json<JobJson>()).toMatchObject({ ranked: false, total_rows: 4 });
    const job = await waitForJob(t.app, key, response.json<JobJson>().id);
    expect(job).toMatchObject({ status: 'done', rows_done: 4, rows_failed: 1 });

    const rows = parse((await download(t.app, key, job.id, 'csv')).body, { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0] ?? {})).not.toContain('rank');
    expect(rows.map((r) => [r['row'], r['candidate'], r['error.code']])).toEqual([
      ['1', 'ann', ''],
      ['2', 'ann', ''],
      ['3', 'bea', ''],
      ['4', 'bea', 'EMPTY_TEXT'],
    ]);
    const score = (i: number) => Number(rows[i]?.['match_score']);
    // The same résumé scores higher against the job it fits than against the other one, and each
    // pair is scored on its own row's job description (not one shared across the file).
    expect(score(0)).toBeGreaterThan(score(1));
    expect(score(2)).toBeGreaterThan(score(1));
    expect(rows[3]?.['error.message']).toMatch(/job_description/);
  });

  it('refuses a wrong job column, or a job column and a job description together, at once', async () => {
    const response = await postJob(
      t.app,
      key,
      { data: `cv,posting\n"${BACKEND_CV}","${BACKEND_JOB}"\n`, filename: 'pairs.csv' },
      { tool: 'job-match', resume_column: 'cv', job_column: 'job' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      error: 'column "job" not found in pairs.csv; available columns: "cv", "posting"',
      details: { column: 'job', available: ['cv', 'posting'] },
    });
    // Both modes at once: neither is silently dropped.
    const both = await postJob(
      t.app,
      key,
      { data: `cv,posting\n"${BACKEND_CV}","${BACKEND_JOB}"\n`, filename: 'pairs.csv' },
      { tool: 'job-match', resume_column: 'cv', job_column: 'posting', job_description: BAKER_JOB },
    );
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      error:
        'job_column: give job_column (a job description on each row) or job_description (one for every row), not both',
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: { 'x-api-key': key } });
    expect(list.json<{ data: JobJson[] }>().data.every((j) => j.status === 'done')).toBe(true);
  });
});
