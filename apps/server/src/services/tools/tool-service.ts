import type { ToolName } from '@textai/contracts';
import { loadToolAdapter } from '../../tools/index.ts';
import { RowInputError, type RowFields } from '../../tools/rows.ts';
import type { RowAnalyzer } from '../../tools/types.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';

/** The *_MODEL setting per tool: what the server, the job threads and doctor load. */
export function modelSpecsOf(config: Config): Record<ToolName, string> {
  return {
    sentiment: config.models.sentiment,
    summarize: config.models.summarize,
    'fake-news': config.models.fakeNews,
    'job-match': config.models.jobMatch,
  };
}

export interface ModelStatus {
  tool: ToolName;
  name: string;
  version: string;
  spec: string;
  status: 'loaded' | 'failed';
  error?: string;
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
  private readonly statuses = new Map<ToolName, ModelStatus>();

  constructor(private readonly maxTextChars: number) {}

  async load(specs: Record<ToolName, string>): Promise<ModelStatus[]> {
    await Promise.all(
      (Object.keys(specs) as ToolName[]).map(async (tool) => {
        const started = performance.now();
        const spec = specs[tool];
        try {
          const analyzer = await (await loadToolAdapter(tool)).load(spec);
          const probe = analyzer(PROBES[tool], { explain: false, maxChars: this.maxTextChars }) as {
            model: { name: string; version: string };
          };
          this.analyzers.set(tool, analyzer);
          this.statuses.set(tool, {
            tool,
            ...probe.model,
            spec,
            status: 'loaded',
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
            loadMs: performance.now() - started,
          });
        }
      }),
    );
    return this.models();
  }

  /** The same loaded models under another text limit (tests and tools with their own limit). */
  withTextLimit(maxTextChars: number): ToolService {
    const view = new ToolService(maxTextChars);
    for (const [tool, analyzer] of this.analyzers) view.analyzers.set(tool, analyzer);
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
  analyze(tool: ToolName, fields: RowFields, explain = true): ToolResult {
    const outcome = this.analyzeItem(tool, fields, explain);
    if (outcome.ok) return outcome.result;
    throw new AppError(
      outcome.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400,
      asErrorCode(outcome.code),
      outcome.message,
    );
  }

  /** One item of a batch: never throws for bad input, so one bad item costs only itself. */
  analyzeItem(tool: ToolName, fields: RowFields, explain = true): ItemOutcome {
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
