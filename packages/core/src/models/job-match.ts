import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { JobMatchModel } from '../job-match/match.ts';
import type { JobMatchModelData } from '../job-match/types.ts';

/**
 * Loader of the job-match model: the compiled skills gazetteer, O*NET titles and IDF table, one
 * gzipped JSON file. Kept beside models/index.ts (the other loaders) and, like them, the only code
 * of its analyser that reads a file. Loaded once per process (or worker thread) and shared.
 */
export const JOB_MATCH_MODEL_FILE = 'job-match.json.gz';

/** packages/core/models/, as in models/index.ts (not imported from there, to keep this loader light). */
const BUILTIN_MODEL_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export const JOB_MATCH_MODEL_PATH = BUILTIN_MODEL_DIR + JOB_MATCH_MODEL_FILE;

const cache = new Map<string, JobMatchModel>();

/** Parses a model file's bytes (gzipped or plain JSON); throws on anything that is not one. */
export function parseJobMatchModel(bytes: Uint8Array): JobMatchModelData {
  const json =
    bytes[0] === 0x1f && bytes[1] === 0x8b
      ? gunzipSync(bytes).toString('utf8')
      : Buffer.from(bytes).toString('utf8');
  const data = JSON.parse(json) as Partial<JobMatchModelData>;
  if (data.format !== 'textai-job-match' || data.formatVersion !== 1) {
    throw new Error('not a job-match model file (format textai-job-match, version 1)');
  }
  for (const key of ['skills', 'kinds', 'surfaces', 'occupations', 'titles'] as const) {
    if (!Array.isArray(data[key])) throw new Error(`model file has no ${key} list`);
  }
  if (typeof data.idf !== 'object' || data.idf === null) throw new Error('model file has no idf table');
  return data as JobMatchModelData;
}

/** `spec`: 'builtin' (default) or a path to a model file in the built-in format. */
export function loadJobMatchModel(spec = 'builtin'): JobMatchModel {
  const path = spec === 'builtin' ? JOB_MATCH_MODEL_PATH : spec;
  const cached = cache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) throw new Error(`model file not found: ${path}`);
  let model: JobMatchModel;
  try {
    model = new JobMatchModel(parseJobMatchModel(readFileSync(path)));
  } catch (error) {
    throw new Error(`cannot load model file ${path}: ${(error as Error).message}`);
  }
  cache.set(path, model);
  return model;
}
