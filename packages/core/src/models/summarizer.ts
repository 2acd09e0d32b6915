import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SummarizerModel } from '../summarize/model.ts';

/**
 * Loader of the summarizer's sentence-scorer weights: a small JSON file (packages/core/models/
 * summarizer.json when 'builtin'), read once per process and shared.
 */
export const SUMMARIZER_MODEL_FILE = 'summarizer.json';
const BUILTIN_PATH = fileURLToPath(new URL(`../../models/${SUMMARIZER_MODEL_FILE}`, import.meta.url));

const cache = new Map<string, SummarizerModel>();

/** `spec`: 'builtin' (default) or a path to a summarizer JSON file; errors name the file. */
export function loadSummarizerModel(spec = 'builtin'): SummarizerModel {
  const path = spec === 'builtin' ? BUILTIN_PATH : spec;
  const cached = cache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) throw new Error(`model file not found: ${path}`);
  let model: SummarizerModel;
  try {
    model = SummarizerModel.fromJson(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot load model file ${path}: ${(error as Error).message}`);
  }
  cache.set(path, model);
  return model;
}
