import { describe, expect, it } from 'vitest';
import { analyzeRow, outputColumns } from '../../src/cli/analyze/records.ts';
import { flatten } from '../../src/cli/io/write-results.ts';
import { jobMatchAdapter } from '../../src/tools/job-match.ts';
import type { ToolSettings } from '../../src/tools/types.ts';

// Written for these tests.
const JOB =
  'Backend Developer\n\nRequirements:\n- 3+ years of experience\n- Node.js and PostgreSQL\n- Docker';
const GOOD = 'Backend developer, 2018 – 2024. Built APIs in Node.js with Postgres; shipped with Docker.';
const BAD = 'Pastry chef since 2012. Bread, cakes and kitchen management.';
const SETTINGS: ToolSettings = { column: 'text', titleColumn: undefined, title: undefined };

describe('job-match adapter', () => {
  it('maps CSV columns, with and without --job-file', () => {
    expect(jobMatchAdapter.columns(SETTINGS)).toEqual([
      { field: 'resume', column: 'resume', required: true },
      { field: 'job_description', column: 'job_description', required: true },
    ]);
    expect(jobMatchAdapter.columns({ ...SETTINGS, resumeColumn: 'cv', jobColumn: 'jd' })).toEqual([
      { field: 'resume', column: 'cv', required: true },
      { field: 'job_description', column: 'jd', required: true },
    ]);
    expect(jobMatchAdapter.columns({ ...SETTINGS, jobDescription: JOB })).toEqual([
      { field: 'resume', column: 'resume', required: true },
    ]);
    expect(jobMatchAdapter.fieldsFromText('My résumé', SETTINGS)).toEqual({ resume: 'My résumé' });
  });

  it('scores rows that carry both texts; every result field has a CSV column', async () => {
    const analyzer = await jobMatchAdapter.load();
    const outcome = analyzeRow(
      analyzer,
      { resume: GOOD, job_description: JOB },
      { explain: false, maxChars: 100_000 },
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.result['recommendation']).toMatch(/Match$/);
    const columns = outputColumns(jobMatchAdapter, true);
    expect(
      Object.keys(flatten({ id: 1, ...outcome.result })).filter((key) => !columns.includes(key)),
    ).toEqual([]);
  });

  it('scores every résumé against --job-file', async () => {
    const analyzer = await jobMatchAdapter.load();
    const context = { explain: false, maxChars: 100_000, settings: { ...SETTINGS, jobDescription: JOB } };
    const good = analyzeRow(analyzer, { resume: GOOD }, context);
    const bad = analyzeRow(analyzer, { resume: BAD }, context);
    if (!good.ok || !bad.ok) throw new Error('expected results');
    expect(good.result['match_score']).toBeGreaterThan(bad.result['match_score'] as number);
    expect(bad.result['recommendation']).toBe('Weak Match');
  });

  it('turns bad rows into row errors', async () => {
    const analyzer = await jobMatchAdapter.load();
    const context = { explain: false, maxChars: 100 };
    expect(analyzeRow(analyzer, { resume: GOOD }, context)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR' },
    });
    expect(analyzeRow(analyzer, { resume: '  ', job_description: JOB }, context)).toMatchObject({
      ok: false,
      error: { code: 'EMPTY_TEXT' },
    });
    expect(analyzeRow(analyzer, { resume: 'x'.repeat(101), job_description: JOB }, context)).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(analyzeRow(analyzer, { resume: '1234 5678 !!!', job_description: JOB }, context)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR' },
    });
  });
});
