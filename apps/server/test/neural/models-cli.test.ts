import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_COMMIT, startTinyHub, type TinyHub } from './fixtures/tiny-hub.ts';
import { tinyModelFiles } from './fixtures/tiny-models.ts';

const run = promisify(execFile);
const TEXTAI = fileURLToPath(new URL('../../bin/textai.js', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe('textai models pull / list (a loopback hub, no network)', () => {
  let hub: TinyHub;
  let cacheDir: string;
  const textai = async (...args: string[]): Promise<Outcome> => {
    const env = {
      ...process.env,
      APP_ENV: 'test',
      DATA_DIR: cacheDir,
      MODEL_CACHE_DIR: cacheDir,
      HF_ENDPOINT: hub.endpoint,
    };
    try {
      const { stdout, stderr } = await run(TEXTAI, args, { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-models-'));
    hub = await startTinyHub();
    hub.repos.set('tiny/sentiment', tinyModelFiles('sentiment', { quantized: true }));
    const summarizer = tinyModelFiles('summarizer');
    // A repository publishing both precisions: pull takes one (q8 by default), not both.
    for (const [file, data] of tinyModelFiles('summarizer', { quantized: true })) summarizer.set(file, data);
    hub.repos.set('tiny/summarizer', summarizer);
    hub.repos.set('tiny/no-onnx', new Map([['config.json', new TextEncoder().encode('{}')]]));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('pulls a model, checks every file and lists it with its size', async () => {
    const pulled = await textai('models', 'pull', 'tiny/sentiment', 'tiny/summarizer');
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toMatch(/pulled tiny\/sentiment \(4 files, [\d.]+ KiB, revision c0ffee/);
    const weights = path.join(cacheDir, 'tiny/sentiment/onnx/model_quantized.onnx');
    const served = hub.repos.get('tiny/sentiment')?.get('onnx/model_quantized.onnx') ?? new Uint8Array();
    expect(readFileSync(weights)).toEqual(Buffer.from(served));
    const manifest = JSON.parse(
      readFileSync(path.join(cacheDir, 'tiny/sentiment/.textai-manifest.json'), 'utf8'),
    ) as {
      revision: string;
      files: { path: string; sha256: string }[];
    };
    expect(manifest.revision).toBe(HUB_COMMIT);
    expect(manifest.files.find((f) => f.path === 'onnx/model_quantized.onnx')?.sha256).toBe(
      createHash('sha256').update(served).digest('hex'),
    );
    expect(existsSync(path.join(cacheDir, 'tiny/summarizer/onnx/encoder_model_quantized.onnx'))).toBe(true);
    expect(existsSync(path.join(cacheDir, 'tiny/summarizer/onnx/encoder_model.onnx'))).toBe(false);

    const listed = await textai('models', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^tiny\/sentiment {2}[\d.]+ KiB {2}4 files {2}c0ffee\S+ {2}complete$/m);
    expect(listed.stdout).toMatch(/^tiny\/summarizer .* complete$/m);
    const json = (await textai('models', 'list', '--json')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; bytes: number });
    const sentiment = json.find((m) => m.id === 'tiny/sentiment');
    const onDisk = [...(hub.repos.get('tiny/sentiment')?.values() ?? [])].reduce(
      (sum, d) => sum + d.length,
      0,
    );
    expect(sentiment?.bytes).toBe(onDisk);
  });

  it('refuses a corrupted file: the checksum fails, nothing is kept under its name', async () => {
    hub.repos.set('tiny/fake-news', tinyModelFiles('fake-news'));
    hub.corrupt.add('onnx/model.onnx');
    try {
      const pulled = await textai('models', 'pull', 'tiny/fake-news');
      expect(pulled.code).toBe(1);
      expect(pulled.stderr).toMatch(
        /could not pull tiny\/fake-news: onnx\/model\.onnx: checksum mismatch \(expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}\)/,
      );
      expect(existsSync(path.join(cacheDir, 'tiny/fake-news/onnx/model.onnx'))).toBe(false);
      expect(existsSync(path.join(cacheDir, 'tiny/fake-news/onnx/model.onnx.part'))).toBe(false);
    } finally {
      hub.corrupt.clear();
    }
    const again = await textai('models', 'pull', 'tiny/fake-news');
    expect(again.code, again.stderr).toBe(0);
  });

  it('resumes an interrupted download with an HTTP Range request', async () => {
    hub.repos.set('tiny/embeddings', tinyModelFiles('embeddings'));
    hub.cutAfter.set('onnx/model.onnx', 100);
    const first = await textai('models', 'pull', 'tiny/embeddings');
    expect(first.code).toBe(1);
    const part = path.join(cacheDir, 'tiny/embeddings/onnx/model.onnx.part');
    const kept = statSync(part).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(100);
    const listed = await textai('models', 'list');
    expect(listed.stdout).toMatch(
      /^tiny\/embeddings .*incomplete: .*onnx\/model\.onnx was not completely downloaded/m,
    );

    hub.requests.length = 0;
    const second = await textai('models', 'pull', 'tiny/embeddings');
    expect(second.code, second.stderr).toBe(0);
    expect(hub.requests).toContain(`GET /tiny/embeddings/resolve/main/onnx/model.onnx bytes=${kept}-`);
    const served = hub.repos.get('tiny/embeddings')?.get('onnx/model.onnx') ?? new Uint8Array();
    expect(readFileSync(path.join(cacheDir, 'tiny/embeddings/onnx/model.onnx'))).toEqual(Buffer.from(served));
    expect(existsSync(part)).toBe(false);
    // Files already in place and matching are checked, not fetched again.
    hub.requests.length = 0;
    expect((await textai('models', 'pull', 'tiny/embeddings')).code).toBe(0);
    expect(hub.requests.filter((r) => r.includes('/resolve/'))).toEqual([]);
  });

  it('explains a model without ONNX weights, an unknown model and a malformed id', async () => {
    const noOnnx = await textai('models', 'pull', 'tiny/no-onnx');
    expect(noOnnx.stderr).toMatch(
      /publishes no ONNX weights .*convert it first \(docs\/models\/neural\.md\)/,
    );
    const unknown = await textai('models', 'pull', 'tiny/absent');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/could not pull tiny\/absent: .* answered 404/);
    const malformed = await textai('models', 'pull', '../etc');
    expect(malformed.stderr).toMatch(/"\.\.\/etc" is not a model id/);
  });
});
