import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolService } from '../../../src/services/tools/tool-service.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { FLOAT, INT64, onnxModel, type Node } from '../../neural/fixtures/onnx-writer.ts';
import { neuralTestsCanRun } from '../../neural/fixtures/neural-installed.ts';
import { tinyModelFiles, VOCAB } from '../../neural/fixtures/tiny-models.ts';
import { recordFigures } from '../figures.ts';

const installed = await neuralTestsCanRun();
const WIDTH = 512;
const LAYERS = 48;

/**
 * A sentiment model made slow on purpose: the word vectors go through LAYERS identity matrix
 * products (work onnxruntime cannot skip) before a linear head, so one call takes long enough to
 * watch what the event loop does meanwhile.
 */
function writeSlowSentimentModel(folder: string): void {
  for (const [file, data] of tinyModelFiles('sentiment')) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), data);
  }
  const config = JSON.parse(
    new TextDecoder().decode(tinyModelFiles('sentiment').get('tokenizer_config.json')),
  ) as Record<string, unknown>;
  writeFileSync(
    path.join(folder, 'tokenizer_config.json'),
    JSON.stringify({ ...config, model_max_length: 512 }),
  );
  const nodes: Node[] = [{ op: 'Gather', inputs: ['embeddings', 'input_ids'], outputs: ['h0'] }];
  for (let i = 0; i < LAYERS; i++)
    nodes.push({ op: 'MatMul', inputs: [`h${i}`, 'identity'], outputs: [`h${i + 1}`] });
  nodes.push(
    {
      op: 'ReduceMean',
      inputs: [`h${LAYERS}`],
      outputs: ['pooled'],
      attributes: [
        { name: 'axes', ints: [1] },
        { name: 'keepdims', int: 0 },
      ],
    },
    { op: 'MatMul', inputs: ['pooled', 'head'], outputs: ['logits'] },
  );
  const positive = new Set(['good', 'great', 'wonderful']);
  const model = onnxModel({
    nodes,
    initializers: [
      {
        name: 'embeddings',
        dims: [VOCAB.length, WIDTH],
        values: VOCAB.flatMap((w) =>
          Array.from({ length: WIDTH }, (_, i) => (i === 0 && positive.has(w) ? 1 : 0)),
        ),
      },
      {
        name: 'identity',
        dims: [WIDTH, WIDTH],
        values: Array.from({ length: WIDTH * WIDTH }, (_, i) => (i % (WIDTH + 1) === 0 ? 1 : 0)),
      },
      {
        name: 'head',
        dims: [WIDTH, 2],
        values: Array.from({ length: WIDTH * 2 }, (_, i) => (i === 1 ? 4 : 0)),
      },
    ],
    inputs: [
      { name: 'input_ids', type: INT64, shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', type: INT64, shape: ['batch_size', 'sequence_length'] },
    ],
    outputs: [{ name: 'logits', type: FLOAT, shape: ['batch_size', 2] }],
  });
  writeFileSync(path.join(folder, 'onnx/model.onnx'), model);
}

describe.skipIf(!installed)('neural inference runs off the event loop', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-neural-loop-'));
  let test: TestApp | undefined;

  beforeAll(async () => {
    writeSlowSentimentModel(path.join(cacheDir, 'tiny/slow'));
    const tools = new ToolService(100_000);
    const statuses = await tools.load(
      { sentiment: 'tiny/slow', summarize: 'builtin', 'fake-news': 'builtin', 'job-match': 'builtin' },
      { cacheDir, allowDownload: false, hfEndpoint: undefined },
    );
    expect(statuses.find((s) => s.tool === 'sentiment')).toMatchObject({ backend: 'neural' });
    test = await createTestApp({ GUEST_RATE_LIMIT: '100000' }, { tools });
  });
  afterAll(async () => {
    await test?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('answers other requests while a model computes', async () => {
    if (test === undefined) throw new Error('the app did not start');
    const app = test.app;
    const text = `${'good wonderful great '.repeat(150)}`;
    let pending = true;
    const slow = app.inject({ method: 'POST', url: '/api/v1/sentiment', payload: { text } }).finally(() => {
      pending = false;
    });
    // Health checks answered while the analysis is in flight. Were inference on this thread, the
    // loop would be stuck for the whole computation and only the few checks answered before it
    // started would count.
    let answered = 0;
    while (pending) {
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      if (pending) answered++;
      // Let the loop reach its I/O phase (inject alone resolves in microtasks and would starve it).
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await slow;
    expect(result.statusCode).toBe(200);
    expect(result.json<{ label: string }>().label).toBe('POSITIVE');
    recordFigures('Neural backend', [
      {
        name: `health checks answered during one slow neural analysis (${LAYERS} × ${WIDTH}² products)`,
        value: answered,
        target: '> 20 (3 with inference on the event loop)',
        ok: answered > 20,
      },
    ]);
    expect(answered).toBeGreaterThan(20);
  });
});
