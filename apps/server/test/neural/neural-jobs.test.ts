import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeResultRows, encodeRows } from '../../src/services/jobs/chunk-codec.ts';
import { ThreadPoolExecutor } from '../../src/services/jobs/executor/thread-pool.ts';
import { neuralTestsCanRun } from './fixtures/neural-installed.ts';
import { writeTinyModel } from './fixtures/tiny-models.ts';

const installed = await neuralTestsCanRun();

describe.skipIf(!installed)('file jobs on a neural model, in a job thread', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-neural-jobs-'));
  writeTinyModel(path.join(cacheDir, 'tiny/sentiment'), 'sentiment');
  const executor = new ThreadPoolExecutor({ size: 1, idleMs: 0 });
  afterAll(async () => {
    await executor.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const settings = { column: 'text', titleColumn: undefined, title: undefined };

  it('runs a chunk’s rows through the network in batches, a bad row failing alone', async () => {
    const texts = [
      'wonderful and friendly',
      '',
      'rude and broken',
      ...Array.from({ length: 40 }, (_, i) => `great ${i}`),
    ];
    const input = encodeRows(texts.map((text, i) => ({ n: i + 1, id: i + 1, c: [], f: { text } })));
    const output = await executor.run({
      tool: 'sentiment',
      modelSpec: 'tiny/sentiment',
      neural: { cacheDir, allowDownload: false, hfEndpoint: undefined },
      settings,
      explain: true,
      maxChars: 100_000,
      input,
    });
    expect(output).toMatchObject({ rows: 43, failed: 1 });
    const rows = decodeResultRows(output.results);
    expect(rows[0]).toMatchObject({ r: { label: 'POSITIVE', model: { name: 'tiny/sentiment' } } });
    expect(rows[1]).toMatchObject({ e: { code: 'EMPTY_TEXT' } });
    expect(rows[2]).toMatchObject({ r: { label: 'NEGATIVE' } });
    expect(rows.slice(3).every((row) => 'r' in row && row.r['label'] === 'POSITIVE')).toBe(true);
  });

  it('falls back to the built-in model when the neural one is missing', async () => {
    const input = encodeRows([{ n: 1, id: 1, c: [], f: { text: 'lovely' } }]);
    const output = await executor.run({
      tool: 'sentiment',
      modelSpec: 'tiny/absent',
      neural: { cacheDir, allowDownload: false, hfEndpoint: undefined },
      settings,
      explain: false,
      maxChars: 100_000,
      input,
    });
    const [row] = decodeResultRows(output.results);
    expect(row).toMatchObject({ r: { label: expect.any(String) } });
    expect(row !== undefined && 'r' in row && (row.r['model'] as { name: string }).name).not.toBe(
      'tiny/absent',
    );
  });
});
