import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolService } from '../../src/services/tools/tool-service.ts';
import { isNeuralModelSpec } from '../../src/neural/model-id.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { writeTinyModel } from './fixtures/tiny-models.ts';

/** These run with or without the optional package: a missing model is found before it is needed. */
describe('a neural model that is missing or incomplete', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-fallback-'));
  let test: TestApp | undefined;
  let tools: ToolService;

  beforeAll(async () => {
    writeTinyModel(path.join(cacheDir, 'tiny/half'), 'summarizer');
    rmSync(path.join(cacheDir, 'tiny/half/onnx/decoder_model_merged.onnx'));
    tools = new ToolService(100_000);
    await tools.load(
      {
        sentiment: 'Xenova/not-pulled',
        summarize: 'tiny/half',
        'fake-news': 'builtin',
        'job-match': 'builtin',
      },
      { cacheDir, allowDownload: false, hfEndpoint: undefined },
    );
    test = await createTestApp({}, { tools });
  });
  afterAll(async () => {
    await test?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('leaves the built-in model serving, with one message naming the model, the folder and the fix', async () => {
    if (test === undefined) throw new Error('the app did not start');
    const ready = await test.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    const models = ready.json<{ models: Record<string, unknown>[] }>().models;
    const sentiment = models.find((m) => m['tool'] === 'sentiment');
    expect(sentiment).toMatchObject({ status: 'fallback', fallback: 'builtin', backend: 'builtin' });
    expect(sentiment?.['error']).toBe(
      `SENTIMENT_MODEL=Xenova/not-pulled: the model is missing or incomplete in ${path.join(cacheDir, 'Xenova/not-pulled')} ` +
        '(the folder does not exist); fetch it with `textai models pull Xenova/not-pulled`',
    );
    const summarize = models.find((m) => m['tool'] === 'summarize');
    expect(summarize?.['error']).toMatch(
      /^SUMMARIZER_MODEL=tiny\/half: .*no complete set of ONNX weights.*textai models pull tiny\/half`$/,
    );
    expect(models.find((m) => m['tool'] === 'fake-news')).toMatchObject({
      status: 'loaded',
      backend: 'builtin',
    });

    const answer = await test.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'Lovely, quick service.' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json<{ model: { name: string } }>().model.name).not.toMatch(/not-pulled/);
  });

  it('tells model ids from `builtin` and from model files', () => {
    expect(isNeuralModelSpec('builtin')).toBe(false);
    expect(isNeuralModelSpec('Xenova/bart-large-cnn')).toBe(true);
    expect(isNeuralModelSpec('hamzab/roberta-fake-news-classification')).toBe(true);
    expect(isNeuralModelSpec('/srv/models/sentiment.taim')).toBe(false);
    expect(isNeuralModelSpec('build/models/sentiment.taim')).toBe(false);
    expect(isNeuralModelSpec('models/sentiment.taim')).toBe(false);
    expect(isNeuralModelSpec('models/summarizer.json')).toBe(false);
  });
});
