import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGE_TABLE_PATH } from '../src/models/language-table.ts';
import { LanguageIdentifier, type LanguageScore } from '../src/text/language-id/identifier.ts';
import { LanguageTable } from '../src/text/language-id/table.ts';
import type { DetectedLanguage } from '../src/text/language.ts';

interface ThreadAnswer {
  scores: LanguageScore[];
  detected: DetectedLanguage;
}

const SPANISH = 'Ayer fuimos al mercado y compramos frutas y verduras frescas para toda la semana.';

describe('language table handed to a worker thread', () => {
  // A private copy of the shipped table, so this test can change it without touching this
  // process's own table.
  const fileBytes = readFileSync(LANGUAGE_TABLE_PATH);
  const shared = new SharedArrayBuffer(fileBytes.length);
  new Uint8Array(shared).set(fileBytes);
  const worker = new Worker(new URL('./fixtures/language-thread.mjs', import.meta.url), {
    workerData: { languageTable: shared },
  });
  afterAll(() => worker.terminate());

  function ask(text: string): Promise<ThreadAnswer> {
    return new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(text);
    });
  }

  it('is used by language.ts in the thread, and is the same memory, not a copy', async () => {
    const here = new LanguageIdentifier(new LanguageTable(shared));
    const before = await ask(SPANISH);
    expect(before.detected).toEqual({ language: 'es', reliable: true });
    expect(before.scores).toEqual(here.identify(SPANISH).scores);

    // Rewrite every stored score in this thread: the worker's next answer changes with it.
    new LanguageTable(shared).postingScores.fill(0);
    const after = await ask(SPANISH);
    expect(after.scores).toEqual(here.identify(SPANISH).scores);
    expect(after.scores[0]!.score).toBeLessThan(before.scores[0]!.score);
  });
});
