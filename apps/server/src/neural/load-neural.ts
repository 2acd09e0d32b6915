import { loadToolAdapter } from '../tools/index.ts';
import type { ToolName } from '../tools/names.ts';
import { pullModel } from './hub/pull.ts';
import { assertModelId } from './model-id.ts';
import {
  checkModelFolder,
  ENCODER_DECODER,
  ENCODER_ONLY,
  modelFolder,
  readManifest,
} from './model-folder.ts';
import type { NeuralAnalyzer } from './neural-analyzer.ts';
import { loadTransformers, NeuralUnavailableError, type NeuralSettings, type Pipeline } from './runtime.ts';
import { PIPELINE_TASK, runNeuralRows } from './tasks.ts';

/** The setting that names each tool's model, for messages an operator acts on. */
export const MODEL_SETTING: Record<ToolName, string> = {
  sentiment: 'SENTIMENT_MODEL',
  summarize: 'SUMMARIZER_MODEL',
  'fake-news': 'FAKE_NEWS_MODEL',
  'job-match': 'JOB_MATCHER_MODEL',
};

/** A neural model that cannot be used: one message naming the model, its folder and the fix. */
export class NeuralModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NeuralModelError';
  }
}

/**
 * The pipelines truncate inputs to the tokenizer's model_max_length, which some tokenizer configs
 * leave unset (a huge number): a long text would then overrun the model's position embeddings and
 * fail inside onnxruntime. Cap it by the model's own limit (less the two positions RoBERTa-style
 * models reserve, harmless for others).
 */
function capInputLength(pipeline: Pipeline): void {
  const positions = pipeline.model?.config?.max_position_embeddings;
  if (typeof positions !== 'number' || positions <= 2) return;
  const current = pipeline.tokenizer.model_max_length;
  if (current === undefined || current > positions - 2) {
    // transformers.js exposes it as a getter over the tokenizer's config: shadow it on the instance.
    Object.defineProperty(pipeline.tokenizer, 'model_max_length', { value: positions - 2 });
  }
}

function pullHint(id: string): string {
  return `fetch it with \`textai models pull ${id}\``;
}

/**
 * Loads a tool's neural model from MODEL_CACHE_DIR. Missing or incomplete files are found before
 * transformers.js reads anything (and fetched first when ALLOW_MODEL_DOWNLOAD is on), and every
 * failure — the package not installed, files missing, a corrupt graph — becomes one
 * NeuralModelError that the caller reports before falling back to the built-in model.
 */
export async function loadNeuralAnalyzer(
  tool: ToolName,
  id: string,
  settings: NeuralSettings,
): Promise<NeuralAnalyzer> {
  assertModelId(id);
  const folder = modelFolder(settings.cacheDir, id);
  const setting = `${MODEL_SETTING[tool]}=${id}`;
  const graphs = tool === 'summarize' ? ENCODER_DECODER : ENCODER_ONLY;
  let check = checkModelFolder(folder, graphs);
  if (check.problems.length > 0 && settings.allowDownload) {
    // The same resumable, checksummed download as `textai models pull`, so that transformers.js
    // itself never touches the network.
    try {
      await pullModel(id, {
        cacheDir: settings.cacheDir,
        hfEndpoint: settings.hfEndpoint,
        revision: 'main',
        dtype: 'q8',
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new NeuralModelError(
        `${setting}: could not download it into ${folder} (${reason}); ${pullHint(id)}`,
      );
    }
    check = checkModelFolder(folder, graphs);
  }
  if (check.problems.length > 0) {
    throw new NeuralModelError(
      `${setting}: the model is missing or incomplete in ${folder} (${check.problems.join('; ')}); ${pullHint(id)}`,
    );
  }
  let transformers;
  try {
    transformers = await loadTransformers(settings);
  } catch (error) {
    if (error instanceof NeuralUnavailableError) throw new NeuralModelError(`${setting}: ${error.message}`);
    throw error;
  }
  let pipeline;
  try {
    pipeline = await transformers.pipeline(PIPELINE_TASK[tool], id, {
      dtype: check.dtype ?? 'q8',
      device: 'cpu',
      local_files_only: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new NeuralModelError(
      `${setting}: the model in ${folder} could not be loaded (${reason}); ${pullHint(id)} again`,
    );
  }
  capInputLength(pipeline);
  const builtin = await (await loadToolAdapter(tool)).load('builtin');
  const revision = readManifest(folder)?.revision;
  const model = { name: id, version: revision === undefined ? 'local' : revision.slice(0, 12) };
  const loaded = pipeline;
  return {
    model,
    analyzeRows: (rows, context) => runNeuralRows(tool, loaded, model, builtin, rows, context),
    dispose: () => loaded.dispose(),
  };
}
