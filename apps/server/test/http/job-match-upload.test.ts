import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makeExeLike, makePdf } from '../documents/fixtures.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { multipart } from '../helpers/multipart.ts';

const RESUME = [
  'Senior backend engineer with 7 years of experience.',
  'Skills: TypeScript, Node.js, PostgreSQL, Docker, Kubernetes, AWS.',
  'Built payment APIs serving 2 million users.',
];
const JOB =
  'Backend engineer: TypeScript, Node.js and PostgreSQL required; Kubernetes and AWS a plus. 5+ years.';

describe('job-match with uploaded documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_MB: '1' });
  });
  afterAll(() => t.close());

  const post = async (fields: Parameters<typeof multipart>[0]) =>
    t.app.inject({ method: 'POST', url: '/api/v1/job-match', ...(await multipart(fields)) });

  it('reads a PDF résumé and a DOCX job description like the same texts sent as JSON', async () => {
    const upload = await post({
      resume: { data: makePdf([RESUME]), filename: 'cv.pdf', type: 'application/pdf' },
      job_description: { data: makeDocx([JOB]), filename: 'job.docx' },
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/job-match',
      payload: { resume: RESUME.join('\n'), job_description: JOB },
    });
    expect(upload.json().skills.matched).toEqual(json.json().skills.matched);
    expect(upload.json().match_score).toBeCloseTo(json.json().match_score, 1);
  });

  it('mixes a text field and a TXT file', async () => {
    const response = await post({
      resume: { data: Buffer.from('\uFEFF' + RESUME.join('\n')), filename: 'cv.txt' },
      job_description: JOB,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().skills.matched).toContain('PostgreSQL');
  });

  it('refuses unsupported, oversized and incomplete uploads with the envelope', async () => {
    const exe = await post({ resume: { data: makeExeLike(), filename: 'cv.pdf' }, job_description: JOB });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('UNSUPPORTED_FILE');
    expect(exe.json().error).toMatch(/^resume:/);

    const big = await post({
      resume: { data: Buffer.alloc(1024 * 1024 + 10, 'a'), filename: 'cv.txt' },
      job_description: JOB,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');

    const missing = await post({ resume: RESUME.join('\n') });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('VALIDATION_ERROR');

    const extra = await post({ resume: 'a', job_description: 'b', photo: 'c' });
    expect(extra.statusCode).toBe(400);
  });
});
