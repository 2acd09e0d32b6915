import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeSentiment } from '@textai/core';
import { BUILTIN_MODEL_DIR, BUILTIN_MODEL_FILES, loadSentimentModel } from '@textai/core/models';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeResultRows, encodeRows } from '../../src/services/jobs/chunk-codec.ts';
import { ThreadPoolExecutor } from '../../src/services/jobs/executor/thread-pool.ts';

// Job threads get the linear models the process has loaded (their weight tables on
// SharedArrayBuffers) instead of reading and expanding their own copies (executor/protocol.ts).
describe('linear models in job worker threads', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'textai-thread-models-'));
  const executor = new ThreadPoolExecutor({ size: 1, idleMs: 0 });
  afterAll(async () => {
    await executor.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('scores with the model this process loaded, shared, not with a copy read from the file', async () => {
    // A model file named by path, loaded here and then removed: a thread that read its own copy
    // would fail with "model file not found"; one given the loaded model gives the same scores.
    const file = path.join(folder, 'sentiment-copy.taim');
    copyFileSync(BUILTIN_MODEL_DIR + BUILTIN_MODEL_FILES.sentiment, file);
    const model = loadSentimentModel(file);
    rmSync(file);
    const text = 'The staff were friendly and the room was spotless.';
    const output = await executor.run({
      tool: 'sentiment',
      modelSpec: file,
      settings: { column: 'text', titleColumn: undefined, title: undefined },
      explain: false,
      maxChars: 100_000,
      input: encodeRows([{ n: 1, id: 1, c: [], f: { text } }]),
    });
    expect(output).toMatchObject({ rows: 1, failed: 0 });
    const [row] = decodeResultRows(output.results);
    if (row === undefined || !('r' in row)) throw new Error('the row has no result');
    const expected = analyzeSentiment(model, text, { explain: false });
    expect(row.r).toMatchObject({ label: expected.label, scores: expected.scores });
  });
});
