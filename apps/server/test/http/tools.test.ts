import { TOOL_NAMES, toolSchemas, type ToolName } from '@textai/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('tool endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GUEST_RATE_LIMIT: '1000', MAX_TEXT_CHARS: '2000', MAX_BATCH_SIZE: '5' });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, ip = '10.1.1.1') =>
    t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: ip });

  it('answers sentiment with label, probabilities, explanation, model and timing', async () => {
    const response = await post('/api/v1/sentiment', {
      text: 'I absolutely love this phone, it is wonderful.',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.label).toBe('POSITIVE');
    expect(body.scores.positive + body.scores.negative + body.scores.neutral).toBeCloseTo(1, 4);
    expect(body.score).toBe(body.scores.positive);
    expect(body.model).toMatchObject({ name: 'textai-sentiment' });
    expect(body.explanation.length).toBeGreaterThan(0);
    expect(typeof body.processing_time_ms).toBe('number');
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('serves the original documented paths with the same response', async () => {
    const text = 'The hotel was dirty and the staff were rude.';
    const v1 = (await post('/api/v1/sentiment', { text })).json();
    const alias = (await post('/api/sentiment', { text })).json();
    expect({ ...alias, processing_time_ms: 0 }).toEqual({ ...v1, processing_time_ms: 0 });
  });

  it('summarizes, detects fake news and matches a résumé', async () => {
    const article =
      'The city council approved a new budget on Monday. The plan funds two new schools. ' +
      'Critics said the plan raises taxes. The mayor defended the budget at a press conference. ' +
      'Construction of the schools will begin next spring.';
    const summary = await post('/api/v1/summarize', { text: article, sentences: 2 });
    expect(summary.statusCode).toBe(200);
    expect(summary.json().sentences).toHaveLength(2);

    const fake = await post('/api/v1/fake-news', { title: 'Budget approved', text: article });
    expect(fake.statusCode).toBe(200);
    expect(['FAKE', 'REAL']).toContain(fake.json().prediction);

    const match = await post('/api/v1/job-match', {
      resume: 'Backend engineer, 6 years of TypeScript, Node.js, PostgreSQL and Kubernetes.',
      job_description: 'We need a backend engineer with TypeScript, Node.js and PostgreSQL experience.',
    });
    expect(match.statusCode).toBe(200);
    expect(match.json().skills.matched.length).toBeGreaterThan(0);
  });

  it('refuses bad input with the error envelope', async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, 'VALIDATION_ERROR'],
      [{ text: 42 }, 400, 'VALIDATION_ERROR'],
      [{ text: '   ' }, 400, 'EMPTY_TEXT'],
      [{ text: 'fine', extra: true }, 400, 'VALIDATION_ERROR'],
      [{ text: 'x'.repeat(2001) }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post('/api/v1/sentiment', payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(status);
      const body = response.json();
      expect(body.code).toBe(code);
      expect(typeof body.error).toBe('string');
      expect(body.request_id).toBe(response.headers['x-request-id']);
    }
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "unterminated',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('VALIDATION_ERROR');
    const summarize = await post('/api/v1/summarize', {
      text: 'One. Two. Three.',
      min_length: 50,
      max_length: 20,
    });
    expect(summarize.statusCode).toBe(400);
  });

  it('runs batches item by item, reporting each failure in place', async () => {
    const response = await post('/api/v1/batch/sentiment', {
      texts: ['Great service!', '', 'Terrible food.'],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 3, successful: 2, failed: 1 });
    expect(body.results[1].error.code).toBe('EMPTY_TEXT');
    expect(body.results[0].label).toBe('POSITIVE');

    const items = await post('/api/batch/job-match', {
      items: [{ resume: 'Nurse, 5 years ICU.', job_description: 'ICU nurse' }, { resume: 'x' }],
    });
    expect(items.json()).toMatchObject({ total: 2, successful: 1, failed: 1 });

    const tooMany = await post('/api/v1/batch/sentiment', { texts: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect((await post('/api/v1/batch/nonsense', { texts: ['a'] })).statusCode).toBe(400);
  });

  it('returns exactly the fields of each tool’s response schema (nothing for a serializer to strip)', async () => {
    const inputs: Record<ToolName, Record<string, unknown>> = {
      sentiment: { text: 'Great food, awful service!' },
      summarize: {
        text: 'The council met on Monday. It approved the budget. Residents were pleased.',
        title: 'Budget',
      },
      'fake-news': { text: 'SHOCKING: doctors hate this one trick!!!', title: 'You will not believe it' },
      'job-match': {
        resume: 'TypeScript developer, 5 years, Node.js, AWS',
        job_description: 'Senior TypeScript engineer, AWS',
      },
    };
    for (const tool of TOOL_NAMES) {
      const response = await post(`/api/v1/${tool}`, inputs[tool]);
      expect(response.statusCode, tool).toBe(200);
      const body: unknown = response.json();
      expect(z.encode(toolSchemas[tool].response, body as never), tool).toEqual(body);
    }
  });

  it('answers unknown routes with a 404 envelope', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});

describe('guest access and rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GUEST_RATE_LIMIT: '3', GUEST_DAILY_ROWS: '4' });
  });
  afterAll(() => t.close());

  it('counts guests per IP and refuses the request after the limit with 429 and Retry-After', async () => {
    const call = (ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/sentiment', payload: { text: 'ok' }, remoteAddress: ip });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await call('10.9.9.9'));
    expect(statuses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(statuses[0]?.headers['x-ratelimit-limit']).toBe('3');
    expect(statuses[2]?.headers['x-ratelimit-remaining']).toBe('0');
    const refused = statuses[3];
    expect(refused?.json().code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call('10.9.9.10')).statusCode).toBe(200);
    // The next hour opens a new window.
    t.clock.advance(3_600_000);
    expect((await call('10.9.9.9')).statusCode).toBe(200);
  });

  it('limits batch rows per day and gives back a refused reservation', async () => {
    const batch = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/batch/sentiment',
        payload: { texts: Array(n).fill('fine') },
        remoteAddress: '10.8.8.8',
      });
    expect((await batch(3)).statusCode).toBe(200);
    const refused = await batch(2);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatch(/daily limit of 4 rows/);
    expect((await batch(1)).statusCode).toBe(200);
  });

  it('refuses guests with MISSING_API_KEY when guest access is off', async () => {
    const closed = await createTestApp({ ENABLE_GUEST_ACCESS: 'false' });
    const response = await closed.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'hello' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('MISSING_API_KEY');
    await closed.close();
  });
});
