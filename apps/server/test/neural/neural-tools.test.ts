import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolService } from '../../src/services/tools/tool-service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { neuralTestsCanRun } from './fixtures/neural-installed.ts';
import { writeTinyModel } from './fixtures/tiny-models.ts';

const installed = await neuralTestsCanRun();

interface Json {
  [key: string]: unknown;
}

describe.skipIf(!installed)('the neural backend on tiny ONNX models, through the HTTP API', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-neural-'));
  let test: TestApp | undefined;
  let tools: ToolService;
  const post = async (url: string, payload: object): Promise<{ status: number; body: Json }> => {
    if (test === undefined) throw new Error('the app did not start');
    const response = await test.app.inject({ method: 'POST', url, payload });
    return { status: response.statusCode, body: response.json<Json>() };
  };

  beforeAll(async () => {
    writeTinyModel(path.join(cacheDir, 'tiny/sentiment'), 'sentiment');
    writeTinyModel(path.join(cacheDir, 'tiny/fake-news'), 'fake-news', { quantized: true });
    writeTinyModel(path.join(cacheDir, 'tiny/summarizer'), 'summarizer');
    writeTinyModel(path.join(cacheDir, 'tiny/embeddings'), 'embeddings');
    tools = new ToolService(100_000);
    const statuses = await tools.load(
      {
        sentiment: 'tiny/sentiment',
        'fake-news': 'tiny/fake-news',
        summarize: 'tiny/summarizer',
        'job-match': 'tiny/embeddings',
      },
      { cacheDir, allowDownload: false, hfEndpoint: undefined },
    );
    expect(statuses.map((s) => [s.tool, s.status, s.backend, s.error])).toEqual([
      ['fake-news', 'loaded', 'neural', undefined],
      ['job-match', 'loaded', 'neural', undefined],
      ['sentiment', 'loaded', 'neural', undefined],
      ['summarize', 'loaded', 'neural', undefined],
    ]);
    test = await createTestApp({ GUEST_RATE_LIMIT: '100000', GUEST_DAILY_ROWS: '100000' }, { tools });
  });
  afterAll(async () => {
    await test?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('sentiment: the model’s probabilities for each label, in the API’s shape', async () => {
    const positive = await post('/api/v1/sentiment', {
      text: 'The service was quick, friendly and wonderful.',
    });
    expect(positive.status).toBe(200);
    expect(positive.body).toMatchObject({
      label: 'POSITIVE',
      model: { name: 'tiny/sentiment', version: 'local' },
      explanation: [],
    });
    const scores = positive.body['scores'] as { positive: number; negative: number; neutral: number };
    expect(scores.positive).toBeGreaterThan(scores.negative);
    expect(scores.neutral).toBe(0);
    expect(scores.positive + scores.negative).toBeCloseTo(1, 3);
    expect(positive.body['score']).toBe(scores.positive);
    const negative = await post('/api/v1/sentiment', { text: 'Rude, slow and terrible.' });
    expect(negative.body['label']).toBe('NEGATIVE');
    // Input rules are the built-in adapter's: the same 400 for an empty text.
    expect((await post('/api/v1/sentiment', { text: '   ' })).status).toBe(400);
  });

  it('fake news: the model’s label mapped to FAKE/REAL, signals kept', async () => {
    const fake = await post('/api/v1/fake-news', {
      title: 'Shocking secret exposed',
      text: 'A miracle cure they banned.',
    });
    expect(fake.status).toBe(200);
    expect(fake.body).toMatchObject({ prediction: 'FAKE', model: { name: 'tiny/fake-news' } });
    const analysis = fake.body['analysis'] as { fake_probability: number; real_probability: number };
    expect(analysis.fake_probability + analysis.real_probability).toBeCloseTo(1, 3);
    expect(fake.body['confidence']).toBe(analysis.fake_probability);
    expect((fake.body['signals'] as unknown[]).length).toBeGreaterThan(0);
    const real = await post('/api/v1/fake-news', {
      text: 'The council approved the budget, according to the official report.',
    });
    expect(real.body['prediction']).toBe('REAL');
  });

  it('summarization: chunks a long article by tokens, merges, and honours max_length', async () => {
    const article =
      'The council approved the budget. The minister published the report. '.repeat(12) +
      'The chef opened a restaurant with a menu of pastry recipes.';
    const summary = await post('/api/v1/summarize', { text: article, max_length: 6 });
    expect(summary.status).toBe(200);
    const text = String(summary.body['summary']);
    const words = text.split(/\s+/).filter(Boolean);
    expect(words.length).toBeLessThanOrEqual(6);
    expect(words.length).toBeGreaterThan(0);
    // The tiny model writes the article's words by frequency: they come from the article.
    for (const word of words) expect(article.toLowerCase()).toContain(word.replace(/[.,]/g, ''));
    expect(summary.body).toMatchObject({
      summary_length: words.length,
      sentences: [],
      model: { name: 'tiny/summarizer' },
    });
    expect(summary.body['original_length']).toBe(article.split(/\s+/).filter(Boolean).length);
    // The model reads 32 tokens: the last sentence is only seen because the article is chunked.
    const whole = await post('/api/v1/summarize', { text: article, max_length: 200 });
    expect(String(whole.body['summary'])).toMatch(/\bpastry\b/);
    // …and nothing generated after a chunk's end of sequence leaks in: every word is the article's.
    for (const word of String(whole.body['summary']).split(/\s+/).filter(Boolean)) {
      expect(article.toLowerCase()).toContain(word.replace(/[.,]/g, ''));
    }
    // Without max_length the built-in summary's length (from sentences/ratio) is the target.
    const short = await post('/api/v1/summarize', { text: article, sentences: 1 });
    expect(Number(short.body['summary_length'])).toBeGreaterThan(0);
  });

  it('job matching: embedding cosine blended into the built-in score', async () => {
    const job = 'Software engineer: TypeScript, Node and React developer for our API.';
    const near = await post('/api/v1/job-match', {
      resume: 'TypeScript developer, five years of Node and React code.',
      job_description: job,
    });
    const far = await post('/api/v1/job-match', {
      resume: 'Pastry chef, five years in a restaurant kitchen.',
      job_description: job,
    });
    expect(near.status).toBe(200);
    const nearSimilarity = (near.body['components'] as { similarity: number }).similarity;
    const farSimilarity = (far.body['components'] as { similarity: number }).similarity;
    expect(nearSimilarity).toBeGreaterThan(farSimilarity);
    expect(Number(near.body['match_score'])).toBeGreaterThan(Number(far.body['match_score']));
    expect(String((near.body['model'] as { name: string }).name)).toMatch(/\+tiny\/embeddings$/);
  });

  it('batch calls go through the network in batches, each item failing on its own', async () => {
    const texts = [
      'great and friendly',
      '',
      'awful and broken',
      ...Array.from({ length: 30 }, (_, i) => `good ${i}`),
    ];
    const batch = await post('/api/v1/batch/sentiment', { texts });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ total: 33, successful: 32, failed: 1 });
    const results = batch.body['results'] as Json[];
    expect(results[0]).toMatchObject({ label: 'POSITIVE' });
    expect(results[1]).toMatchObject({ error: { code: 'EMPTY_TEXT' } });
    expect(results[2]).toMatchObject({ label: 'NEGATIVE' });
    // Padding inside a batch must not change an item's answer.
    const alone = await post('/api/v1/sentiment', { text: 'awful and broken' });
    expect(results[2]?.['scores'] as object).toEqual(alone.body['scores']);
  });

  it('a corrupt model file falls back to the built-in model with one clear message', async () => {
    writeTinyModel(path.join(cacheDir, 'tiny/corrupt'), 'sentiment');
    writeFileSync(path.join(cacheDir, 'tiny/corrupt/onnx/model.onnx'), 'not a protobuf at all');
    const fallback = new ToolService(100_000);
    const statuses = await fallback.load(
      { sentiment: 'tiny/corrupt', 'fake-news': 'builtin', summarize: 'builtin', 'job-match': 'builtin' },
      { cacheDir, allowDownload: false, hfEndpoint: undefined },
    );
    const sentiment = statuses.find((s) => s.tool === 'sentiment');
    expect(sentiment).toMatchObject({ status: 'fallback', backend: 'builtin' });
    expect(sentiment?.error).toMatch(
      /^SENTIMENT_MODEL=tiny\/corrupt: the model in .*tiny\/corrupt could not be loaded \(.+\); fetch it with `textai models pull tiny\/corrupt` again$/,
    );
    expect(fallback.ready()).toBe(true);
    const result = await fallback.analyze('sentiment', { text: 'good' });
    expect((result.model as { name: string }).name).not.toBe('tiny/corrupt');
  });
});
