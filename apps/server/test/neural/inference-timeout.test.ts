import { afterEach, describe, expect, it } from 'vitest';
import {
  InferenceTimeoutError,
  NeuralThread,
  loadAnalyzerOnThread,
} from '../../src/neural/thread/neural-thread.ts';

const STALLING_WORKER = new URL('./fixtures/stalling-neural-worker.mjs', import.meta.url);
const SETTINGS = { cacheDir: '/nonexistent', allowDownload: false, hfEndpoint: undefined };
const CONTEXT = { explain: false, maxChars: 1000 };

let thread: NeuralThread | undefined;
afterEach(async () => thread?.close());

function resultOf(outcomes: { ok: boolean; result?: unknown }[]) {
  const [outcome] = outcomes;
  if (outcome?.ok !== true) throw new Error('expected one successful outcome');
  return outcome.result as { threadId: number; loads: number };
}

describe('the neural inference thread under INFERENCE_TIMEOUT_MS', () => {
  it('fails a stalled inference after the limit, then serves from a new thread with the models loaded again', async () => {
    thread = new NeuralThread(300, STALLING_WORKER);
    const sentiment = await loadAnalyzerOnThread(thread, 'sentiment', 'owner/sentiment', SETTINGS);
    const fakeNews = await loadAnalyzerOnThread(thread, 'fake-news', 'owner/fake-news', SETTINGS);
    const before = resultOf(await sentiment.analyzeRows([{ text: 'fine' }], CONTEXT));
    expect(before.loads).toBe(2);

    const started = performance.now();
    const stalled = sentiment.analyzeRows([{ text: 'stall' }], CONTEXT);
    await expect(stalled).rejects.toBeInstanceOf(InferenceTimeoutError);
    await expect(stalled).rejects.toThrow('the model took longer than 300 ms');
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(30_000); // not the stall's 60 s: the thread was stopped

    // Both tools work again, on a new thread that loaded both models before running.
    const after = resultOf(await fakeNews.analyzeRows([{ text: 'fine' }], CONTEXT));
    expect(after.threadId).not.toBe(before.threadId);
    expect(after.loads).toBe(2);
    expect(resultOf(await sentiment.analyzeRows([{ text: 'fine' }], CONTEXT)).threadId).toBe(after.threadId);
  });

  it('does not reload a model that was disposed, and has no limit when none is set', async () => {
    thread = new NeuralThread(undefined, STALLING_WORKER);
    const sentiment = await loadAnalyzerOnThread(thread, 'sentiment', 'owner/sentiment', SETTINGS);
    const summarize = await loadAnalyzerOnThread(thread, 'summarize', 'owner/summarize', SETTINGS);
    await summarize.dispose();
    await thread.close();
    expect(resultOf(await sentiment.analyzeRows([{ text: 'fine' }], CONTEXT)).loads).toBe(1);
  });
});
