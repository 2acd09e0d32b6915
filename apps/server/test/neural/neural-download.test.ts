import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolService } from '../../src/services/tools/tool-service.ts';
import { neuralTestsCanRun } from './fixtures/neural-installed.ts';
import { startTinyHub, type TinyHub } from './fixtures/tiny-hub.ts';
import { tinyModelFiles } from './fixtures/tiny-models.ts';

const installed = await neuralTestsCanRun();
const BUILTIN = { summarize: 'builtin', 'fake-news': 'builtin', 'job-match': 'builtin' } as const;

describe.skipIf(!installed)('ALLOW_MODEL_DOWNLOAD: the network only when it is on', () => {
  let hub: TinyHub;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-neural-download-'));

  beforeAll(async () => {
    hub = await startTinyHub();
    hub.repos.set('tiny/sentiment', tinyModelFiles('sentiment'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('off (the default): a model not in MODEL_CACHE_DIR is not fetched, the built-in one serves', async () => {
    const tools = new ToolService(100_000);
    const statuses = await tools.load(
      { sentiment: 'tiny/sentiment', ...BUILTIN },
      { cacheDir, allowDownload: false, hfEndpoint: hub.endpoint },
    );
    expect(statuses.find((s) => s.tool === 'sentiment')).toMatchObject({ status: 'fallback' });
    expect(hub.requests).toEqual([]);
  });

  it('on: the missing files are fetched from HF_ENDPOINT into MODEL_CACHE_DIR and the model serves', async () => {
    const tools = new ToolService(100_000);
    const statuses = await tools.load(
      { sentiment: 'tiny/sentiment', ...BUILTIN },
      { cacheDir, allowDownload: true, hfEndpoint: hub.endpoint },
    );
    expect(statuses.find((s) => s.tool === 'sentiment')).toMatchObject({
      status: 'loaded',
      backend: 'neural',
    });
    expect(hub.requests).toContain('GET /tiny/sentiment/resolve/main/onnx/model.onnx');
    expect(existsSync(path.join(cacheDir, 'tiny/sentiment/onnx/model.onnx'))).toBe(true);
    const result = await tools.analyze('sentiment', { text: 'wonderful and friendly' });
    expect(result).toMatchObject({ label: 'POSITIVE', model: { name: 'tiny/sentiment' } });
  });
});
