import { analyzeRow, type RowOutcome } from '../../../tools/analyze-row.ts';
import { loadToolAdapter } from '../../../tools/index.ts';
import type { ToolName } from '../../../tools/names.ts';
import type { RowFields } from '../../../tools/rows.ts';
import type { RowAnalyzer, RowContext } from '../../../tools/types.ts';
import { isNeuralModelSpec } from '../../../neural/model-id.ts';
import type { NeuralAnalyzer } from '../../../neural/neural-analyzer.ts';
import type { NeuralSettings } from '../../../neural/runtime.ts';
import { decodeInputRows, encodeRows, type ChunkResultRow } from '../chunk-codec.ts';
import type { ChunkOutput, ChunkTask } from './protocol.ts';

/** A chunk's rows in, one outcome per row out. */
type ChunkAnalyzer = (rows: readonly RowFields[], context: RowContext) => Promise<RowOutcome[]>;

/**
 * Runs a chunk's rows through the tool, in whatever thread calls it. Each row succeeds or fails on
 * its own (a bad row costs only itself); results are shaped exactly like the HTTP API's. A neural
 * model gets the chunk's rows together, in batches (a job thread is already off the event loop).
 */
export class ChunkRunner {
  private readonly analyzers = new Map<string, Promise<ChunkAnalyzer>>();

  async run(task: ChunkTask): Promise<ChunkOutput> {
    const analyzer = await this.analyzer(task.tool, task.modelSpec, task.neural);
    const context = { explain: task.explain, maxChars: task.maxChars, settings: task.settings };
    const rows = decodeInputRows(task.input);
    const readable = rows.flatMap((row) => ('e' in row ? [] : [row.f]));
    const outcomes = await analyzer(readable, context);
    let failed = 0;
    let next = 0;
    const results = rows.map((row): ChunkResultRow => {
      const outcome = 'e' in row ? undefined : outcomes[next++];
      if (outcome?.ok === true) return { r: outcome.result };
      failed++;
      if ('e' in row) return { e: row.e };
      return { e: outcome?.error ?? { code: 'INTERNAL_ERROR', message: 'the row was not analysed' } };
    });
    return { results: encodeRows(results), rows: rows.length, failed };
  }

  /** Models load once per thread and tool, on the first chunk that needs them. */
  private analyzer(tool: ToolName, spec: string, neural: NeuralSettings | undefined): Promise<ChunkAnalyzer> {
    const key = `${tool}\u0000${spec}`;
    let loading = this.analyzers.get(key);
    if (loading === undefined) {
      loading = loadChunkAnalyzer(tool, spec, neural);
      loading.catch(() => this.analyzers.delete(key));
      this.analyzers.set(key, loading);
    }
    return loading;
  }
}

/**
 * The tool's model for chunks: the neural one when the setting names one and it loads — else, as
 * in the server (which reports why in /readyz), the built-in model.
 */
async function loadChunkAnalyzer(
  tool: ToolName,
  spec: string,
  neural: NeuralSettings | undefined,
): Promise<ChunkAnalyzer> {
  if (neural !== undefined && isNeuralModelSpec(spec)) {
    let model: NeuralAnalyzer | undefined;
    try {
      const { loadNeuralAnalyzer } = await import('../../../neural/load-neural.ts');
      model = await loadNeuralAnalyzer(tool, spec, neural);
    } catch {
      model = undefined;
    }
    if (model !== undefined) {
      const loaded = model;
      return (rows, context) => loaded.analyzeRows(rows, context);
    }
  }
  const builtin: RowAnalyzer = await (
    await loadToolAdapter(tool)
  ).load(isNeuralModelSpec(spec) ? 'builtin' : spec);
  return (rows, context) => Promise.resolve(rows.map((fields) => analyzeRow(builtin, fields, context)));
}
