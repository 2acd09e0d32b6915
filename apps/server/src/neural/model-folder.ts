import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What `textai models pull` records beside the files: where they came from and what they are. */
export interface ModelManifest {
  id: string;
  revision: string;
  endpoint: string;
  files: { path: string; size: number; sha256: string }[];
}

export const MANIFEST_FILE = '.textai-manifest.json';
export const PARTIAL_SUFFIX = '.part';

/** The ONNX graphs a task needs (transformers.js's file names, without the dtype suffix). */
export type OnnxGraphs = readonly string[];
export const ENCODER_ONLY: OnnxGraphs = ['model'];
export const ENCODER_DECODER: OnnxGraphs = ['encoder_model', 'decoder_model_merged'];

const REQUIRED_JSON = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

export function modelFolder(cacheDir: string, id: string): string {
  return path.join(cacheDir, ...id.split('/'));
}

export function readManifest(folder: string): ModelManifest | undefined {
  const file = path.join(folder, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ModelManifest;
  } catch {
    return undefined;
  }
}

export type Dtype = 'fp32' | 'q8';
const SUFFIX: Record<Dtype, string> = { fp32: '', q8: '_quantized' };

export interface FolderCheck {
  /** The weights to load: full precision when present, else the quantized files. */
  dtype: Dtype | undefined;
  /** Why the folder cannot be loaded; empty when it can. */
  problems: string[];
}

/**
 * Checks a model folder before transformers.js sees it, so that a missing or half-downloaded model
 * is reported as such (with what is missing) rather than as a parse error from deep inside it.
 */
export function checkModelFolder(folder: string, graphs: OnnxGraphs): FolderCheck {
  if (!existsSync(folder)) return { dtype: undefined, problems: ['the folder does not exist'] };
  const problems = REQUIRED_JSON.filter((file) => !existsSync(path.join(folder, file))).map(
    (file) => `${file} is missing`,
  );
  const dtype = (['fp32', 'q8'] as const).find((d) =>
    graphs.every((graph) => existsSync(path.join(folder, 'onnx', `${graph}${SUFFIX[d]}.onnx`))),
  );
  if (dtype === undefined) {
    problems.push(
      `no complete set of ONNX weights (${graphs.map((g) => `onnx/${g}.onnx`).join(', ')} or their _quantized versions)`,
    );
  }
  for (const file of filesUnder(folder)) {
    if (file.endsWith(PARTIAL_SUFFIX)) {
      problems.push(
        `${path.relative(folder, file).slice(0, -PARTIAL_SUFFIX.length)} was not completely downloaded`,
      );
    }
  }
  for (const file of readManifest(folder)?.files ?? []) {
    const where = path.join(folder, file.path);
    if (!existsSync(where)) problems.push(`${file.path} is missing`);
    else if (statSync(where).size !== file.size) {
      problems.push(`${file.path} has ${statSync(where).size} bytes, expected ${file.size}`);
    }
  }
  return { dtype, problems };
}

export interface CachedModel {
  id: string;
  folder: string;
  bytes: number;
  files: number;
  revision: string | undefined;
  complete: boolean;
  problems: string[];
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The models in MODEL_CACHE_DIR (OWNER/NAME folders holding a config.json or a manifest), with their
 * size on disk and whether each could load as an encoder-only or an encoder-decoder model.
 */
export function listCachedModels(cacheDir: string): CachedModel[] {
  if (!existsSync(cacheDir)) return [];
  const models: CachedModel[] = [];
  for (const owner of readdirSync(cacheDir, { withFileTypes: true })) {
    if (!owner.isDirectory()) continue;
    for (const name of readdirSync(path.join(cacheDir, owner.name), { withFileTypes: true })) {
      const folder = path.join(cacheDir, owner.name, name.name);
      if (!name.isDirectory()) continue;
      if (!existsSync(path.join(folder, 'config.json')) && readManifest(folder) === undefined) continue;
      const files = filesUnder(folder).filter((file) => path.basename(file) !== MANIFEST_FILE);
      const asEncoder = checkModelFolder(folder, ENCODER_ONLY);
      const asSeq2seq = checkModelFolder(folder, ENCODER_DECODER);
      const best = asEncoder.problems.length <= asSeq2seq.problems.length ? asEncoder : asSeq2seq;
      models.push({
        id: `${owner.name}/${name.name}`,
        folder,
        bytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
        files: files.length,
        revision: readManifest(folder)?.revision,
        complete: best.problems.length === 0,
        problems: best.problems,
      });
    }
  }
  return models.sort((a, b) => a.id.localeCompare(b.id));
}
