import type { ToolName } from '@textai/contracts';
import { loadToolAdapter } from '../../tools/index.ts';
import { RowInputError, type RowFields } from '../../tools/rows.ts';
import type { RowAnalyzer } from '../../tools/types.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';
import type { NeuralAnalyzer } from '../../neural/neural-analyzer.ts';
import { isNeuralModelSpec } from '../../neural/model-id.ts';
import type { NeuralSettings } from '../../neural/runtime.ts';

/** The *_MODEL setting per tool: what the server, the job threads and doctor load. */
export function modelSpecsOf(config: Config): Record<ToolName, string> {
  return {
    sentiment: config.models.sentiment,
    summarize: config.models.summarize,
    'fake-news': config.models.fakeNews,
    'job-match': config.models.jobMatch,
  };
}

/** Where neural models live and whether they may be fetched (MODEL_CACHE_DIR and friends). */
export function neuralSettingsOf(config: Config): NeuralSettings {
  return {
    cacheDir: config.models.cacheDir,
    allowDownload: config.models.allowDownload,
    hfEndpoint: config.models.hfEndpoint,
    inferenceTimeoutMs: config.limits.inferenceTimeoutMs,
  };
}

export interface ModelStatus {
  tool: ToolName;
  name: string;
  version: string;
  spec: string;
  /** fallback: the *_MODEL setting named a neural model that could not load; the built-in serves. */
  status: 'loaded' | 'fallback' | 'failed';
  /** Why it failed, or why the neural model was not used (status fallback). */
  error?: string;
  backend: 'builtin' | 'neural';
  loadMs: number;
}

export type ToolResult = Record<string, unknown> & {
  model: { name: string; version: string };
  processing_time_ms: number;
};

export type ItemOutcome = { ok: true; result: ToolResult } | { ok: false; code: string; message: string };

/** A small text per tool, run once at load so that status shows the real model name and version. */
const PROBES: Record<ToolName, RowFields> = {
  sentiment: { text: 'The service was quick and friendly.' },
  summarize: { text: 'The council approved the new budget on Monday. It funds two schools and a library.' },
  'fake-news': { text: 'The city council approved the annual budget after a public hearing.' },
  'job-match': {
    resume: 'Software engineer with five years of TypeScript.',
    job_description: 'TypeScript developer',
  },
};

/**
 * The four analysers behind one call. Models are loaded once, before the server turns ready; a
 * request's fields are validated by the same adapters the CLI uses, so the API, batch calls, file
 * jobs and `textai analyze` accept and refuse exactly the same input.
 */
export class ToolService {
  private readonly analyzers = new Map<ToolName, RowAnalyzer>();
  private readonly neural = new Map<ToolName, NeuralAnalyzer>();
  private readonly statuses = new Map<ToolName, ModelStatus>();

  constructor(private readonly maxTextChars: number) {}

  /**
   * Loads each tool's model. A neural model (a *_MODEL naming a model id) that cannot load leaves
   * the built-in model serving that tool, with status `fallback` and the reason: one bad setting
   * should not take the tool down. The built-in model is loaded in every case: it validates a
   * neural tool's input and gives the parts of its result a network does not.
   */
  async load(specs: Record<ToolName, string>, neuralSettings?: NeuralSettings): Promise<ModelStatus[]> {
    await Promise.all(
      (Object.keys(specs) as ToolName[]).map(async (tool) => {
        const started = performance.now();
        const spec = specs[tool];
        let fallbackReason: string | undefined;
        if (isNeuralModelSpec(spec)) {
          try {
            fallbackReason = await this.loadNeural(tool, spec, neuralSettings, started);
            if (fallbackReason === undefined) return;
          } catch (error) {
            fallbackReason = error instanceof Error ? error.message : String(error);
          }
        }
        try {
          const analyzer = await (
            await loadToolAdapter(tool)
          ).load(fallbackReason === undefined ? spec : 'builtin');
          const probe = analyzer(PROBES[tool], { explain: false, maxChars: this.maxTextChars }) as {
            model: { name: string; version: string };
          };
          this.analyzers.set(tool, analyzer);
          this.statuses.set(tool, {
            tool,
            ...probe.model,
            spec,
            status: fallbackReason === undefined ? 'loaded' : 'fallback',
            ...(fallbackReason === undefined ? {} : { error: fallbackReason }),
            backend: 'builtin',
            loadMs: performance.now() - started,
          });
        } catch (error) {
          this.statuses.set(tool, {
            tool,
            name: 'unavailable',
            version: '-',
            spec,
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
            backend: 'builtin',
            loadMs: performance.now() - started,
          });
        }
      }),
    );
    return this.models();
  }

  /** Loads a neural model and probes it; returns why it cannot serve, or undefined when it does. */
  private async loadNeural(
    tool: ToolName,
    spec: string,
    settings: NeuralSettings | undefined,
    started: number,
  ): Promise<string | undefined> {
    if (settings === undefined) return 'no MODEL_CACHE_DIR given to this process';
    const { loadNeuralAnalyzerInThread } = await import('../../neural/thread/neural-thread.ts');
    const analyzer = await loadNeuralAnalyzerInThread(tool, spec, settings);
    const [probe] = await analyzer.analyzeRows([PROBES[tool]], {
      explain: false,
      maxChars: this.maxTextChars,
    });
    if (probe?.ok !== true) {
      await analyzer.dispose();
      return `${spec} failed on a sample input: ${probe?.ok === false ? probe.error.message : 'no result'}`;
    }
    this.neural.set(tool, analyzer);
    this.analyzers.set(tool, await (await loadToolAdapter(tool)).load('builtin'));
    this.statuses.set(tool, {
      tool,
      ...analyzer.model,
      spec,
      status: 'loaded',
      backend: 'neural',
      loadMs: performance.now() - started,
    });
    return undefined;
  }

  /** The same loaded models under another text limit (tests and tools with their own limit). */
  withTextLimit(maxTextChars: number): ToolService {
    const view = new ToolService(maxTextChars);
    for (const [tool, analyzer] of this.analyzers) view.analyzers.set(tool, analyzer);
    for (const [tool, analyzer] of this.neural) view.neural.set(tool, analyzer);
    for (const [tool, status] of this.statuses) view.statuses.set(tool, status);
    return view;
  }

  models(): ModelStatus[] {
    return [...this.statuses.values()].sort((a, b) => a.tool.localeCompare(b.tool));
  }

  ready(): boolean {
    return this.analyzers.size === 4;
  }

  /** One analysis; input problems become 400/413 AppErrors with the adapter's message. */
  async analyze(tool: ToolName, fields: RowFields, explain = true): Promise<ToolResult> {
    const [outcome] = await this.analyzeItems(tool, [fields], explain);
    if (outcome === undefined) throw new Error('no outcome for the item');
    if (outcome.ok) return outcome.result;
    throw new AppError(
      outcome.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400,
      asErrorCode(outcome.code),
      outcome.message,
    );
  }

  /**
   * A batch's items, each succeeding or failing on its own. A neural tool runs them through the
   * network in batches (inference runs on onnxruntime's own threads, off the event loop).
   */
  async analyzeItems(tool: ToolName, items: readonly RowFields[], explain = true): Promise<ItemOutcome[]> {
    const neural = this.neural.get(tool);
    if (neural === undefined) return items.map((fields) => this.analyzeItem(tool, fields, explain));
    const outcomes = await neural
      .analyzeRows(items, { explain, maxChars: this.maxTextChars })
      .catch((error) => {
        // The thread was stopped (neural-thread.ts) and restarts, models reloaded, on the next call.
        if (error instanceof Error && error.name === 'InferenceTimeoutError') {
          throw new AppError(503, 'TIMEOUT', `${error.message}; try again, or send less text or fewer items`);
        }
        throw error;
      });
    return outcomes.map((outcome) => {
      if (outcome.ok) return { ok: true, result: outcome.result as ToolResult };
      if (outcome.error.code === 'INTERNAL_ERROR') throw new Error(outcome.error.message);
      return { ok: false, code: outcome.error.code, message: outcome.error.message };
    });
  }

  /** One item of a batch on the built-in model: never throws for bad input. */
  private analyzeItem(tool: ToolName, fields: RowFields, explain = true): ItemOutcome {
    const analyzer = this.analyzers.get(tool);
    if (analyzer === undefined) {
      throw new AppError(503, 'NOT_READY', `the ${tool} model is not loaded`);
    }
    const started = performance.now();
    try {
      const result = analyzer(fields, { explain, maxChars: this.maxTextChars }) as ToolResult;
      result.processing_time_ms = Math.round((performance.now() - started) * 1000) / 1000;
      return { ok: true, result };
    } catch (error) {
      if (error instanceof RowInputError || isCoreInputError(error)) {
        return { ok: false, code: error.code, message: error.message };
      }
      throw error;
    }
  }
}

function isCoreInputError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'AnalysisInputError' && 'code' in error;
}

function asErrorCode(code: string): 'VALIDATION_ERROR' | 'EMPTY_TEXT' | 'PAYLOAD_TOO_LARGE' {
  return code === 'EMPTY_TEXT' || code === 'PAYLOAD_TOO_LARGE' ? code : 'VALIDATION_ERROR';
}
