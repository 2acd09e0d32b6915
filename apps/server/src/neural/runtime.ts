/**
 * The optional neural backend's one entry to transformers.js (@huggingface/transformers). It is not
 * a dependency: `npm run neural:install` adds it, and it is loaded here with a dynamic import of a
 * computed specifier, so that typecheck, lint, the server and every other test work without it.
 * The interfaces below are the small part of its API this backend uses.
 */

export interface NeuralSettings {
  /** MODEL_CACHE_DIR: models live in CACHE/OWNER/NAME, the layout transformers.js reads. */
  cacheDir: string;
  /** ALLOW_MODEL_DOWNLOAD: fetch a model's missing files (as `textai models pull` does) at load time. */
  allowDownload: boolean;
  /** HF_ENDPOINT: the hub or a mirror (default https://huggingface.co). */
  hfEndpoint: string | undefined;
  /**
   * INFERENCE_TIMEOUT_MS, where a client waits for the answer (the server's tool calls); unset in
   * job threads and the CLI, whose work has no caller waiting on one call.
   */
  inferenceTimeoutMs?: number;
}

export interface TensorLike {
  tolist(): unknown;
}

export interface Tokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
  decode(ids: readonly number[], options?: { skip_special_tokens?: boolean }): string;
  readonly model_max_length?: number;
}

export interface Pipeline {
  (input: string | string[], options?: Record<string, unknown>): Promise<unknown>;
  tokenizer: Tokenizer;
  model?: { config?: { max_position_embeddings?: unknown } };
  dispose(): Promise<void>;
}

interface TransformersEnv {
  localModelPath: string;
  allowLocalModels: boolean;
  allowRemoteModels: boolean;
  remoteHost: string;
  cacheDir: string | null;
  useFSCache: boolean;
}

interface TransformersModule {
  env: TransformersEnv;
  pipeline(task: string, model: string, options: Record<string, unknown>): Promise<Pipeline>;
}

export const NEURAL_PACKAGE = '@huggingface/transformers';
export const NEURAL_INSTALL_COMMAND = 'npm run neural:install';

export class NeuralUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `the neural backend is not installed (${NEURAL_PACKAGE} could not be loaded: ${
        cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
      }); install it with \`${NEURAL_INSTALL_COMMAND}\``,
    );
    this.name = 'NeuralUnavailableError';
  }
}

let loading: Promise<TransformersModule> | undefined;

async function importTransformers(): Promise<TransformersModule> {
  // A computed specifier: TypeScript and the bundlers leave it alone, so nothing needs the package
  // until a *_MODEL setting names a neural model.
  const specifier: string = NEURAL_PACKAGE;
  try {
    return (await import(specifier)) as TransformersModule;
  } catch (error) {
    throw new NeuralUnavailableError(error);
  }
}

/** Whether the optional package is installed (tests skip on false, CI requires true). */
export async function neuralBackendInstalled(): Promise<boolean> {
  try {
    await importTransformers();
    return true;
  } catch {
    return false;
  }
}

/**
 * transformers.js, set up to read models from MODEL_CACHE_DIR only. Its settings are process-wide,
 * as are ours: one configuration per process.
 */
export async function loadTransformers(settings: NeuralSettings): Promise<TransformersModule> {
  loading ??= importTransformers();
  loading.catch(() => (loading = undefined));
  const transformers = await loading;
  const { env } = transformers;
  env.allowLocalModels = true;
  env.localModelPath = settings.cacheDir;
  // Downloads (ALLOW_MODEL_DOWNLOAD) go through our own checksummed pull before loading; this
  // library is never let onto the network.
  env.allowRemoteModels = false;
  env.remoteHost = `${(settings.hfEndpoint ?? DEFAULT_HF_ENDPOINT).replace(/\/+$/, '')}/`;
  env.cacheDir = settings.cacheDir;
  env.useFSCache = false;
  return transformers;
}

export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';
