import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LinearModel, type LinearModelData } from '../classifier/model.ts';
import { deserializeModel } from '../classifier/serialize.ts';
import { FakeNewsModel } from '../fake-news/fake-news.ts';
import { SentimentModel } from '../sentiment/sentiment.ts';

/**
 * The one place in core that reads files: the built-in model files shipped in
 * packages/core/models, or a model file in the same format named by path. Built-in models are
 * loaded once per process (or worker thread) and shared.
 */
export const BUILTIN_MODEL_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export const BUILTIN_MODEL_FILES = {
  sentiment: 'sentiment.taim',
  'fake-news': 'fake-news.taim',
} as const;

const cache = new Map<string, LinearModel>();

function resolveModelPath(tool: keyof typeof BUILTIN_MODEL_FILES, spec: string): string {
  if (spec === 'builtin') return BUILTIN_MODEL_DIR + BUILTIN_MODEL_FILES[tool];
  return spec;
}

/** Loads a linear model file; the error names the file and what is wrong with it. */
export function loadLinearModel(path: string): LinearModel {
  const cached = cache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) throw new Error(`model file not found: ${path}`);
  let model: LinearModel;
  try {
    model = new LinearModel(deserializeModel(readFileSync(path)));
  } catch (error) {
    throw new Error(`cannot load model file ${path}: ${(error as Error).message}`);
  }
  cache.set(path, model);
  return model;
}

/**
 * The linear models this thread has loaded, by file. Their weight tables are SharedArrayBuffers
 * (serialize.ts): passed to a worker thread in workerData and given to useLinearModels there, they
 * are shared, not copied (a job thread saves the 12 MB sentiment table and its decoding).
 */
export function loadedLinearModels(): Map<string, LinearModelData> {
  return new Map([...cache].map(([path, model]) => [path, model.data]));
}

/** Makes this thread use models another thread loaded (loadedLinearModels) instead of reading them. */
export function useLinearModels(models: ReadonlyMap<string, LinearModelData>): void {
  for (const [path, data] of models) if (!cache.has(path)) cache.set(path, new LinearModel(data));
}

/** `spec`: 'builtin' (default) or a path to a model file in the built-in format. */
export function loadSentimentModel(spec = 'builtin'): SentimentModel {
  return new SentimentModel(loadLinearModel(resolveModelPath('sentiment', spec)));
}

export function loadFakeNewsModel(spec = 'builtin'): FakeNewsModel {
  return new FakeNewsModel(loadLinearModel(resolveModelPath('fake-news', spec)));
}

export { loadSummarizerModel, SUMMARIZER_MODEL_FILE } from './summarizer.ts';
export { loadJobMatchModel } from './job-match.ts';
export { languageTableBuffer, useLanguageTableBuffer } from './language-table.ts';
