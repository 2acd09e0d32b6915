import { analyzeRow } from '../../../tools/analyze-row.ts';
import { loadToolAdapter } from '../../../tools/index.ts';
import type { ToolName } from '../../../tools/names.ts';
import type { RowAnalyzer } from '../../../tools/types.ts';
import { decodeInputRows, encodeRows, type ChunkResultRow } from '../chunk-codec.ts';
import type { ChunkOutput, ChunkTask } from './protocol.ts';

/**
 * Runs a chunk's rows through the tool, in whatever thread calls it. Each row succeeds or fails on
 * its own (a bad row costs only itself); results are shaped exactly like the HTTP API's.
 */
export class ChunkRunner {
  private readonly analyzers = new Map<string, Promise<RowAnalyzer>>();

  async run(task: ChunkTask): Promise<ChunkOutput> {
    const analyzer = await this.analyzer(task.tool, task.modelSpec);
    const context = { explain: task.explain, maxChars: task.maxChars, settings: task.settings };
    const rows = decodeInputRows(task.input);
    let failed = 0;
    const results = rows.map((row): ChunkResultRow => {
      if ('e' in row) {
        failed++;
        return { e: row.e };
      }
      const outcome = analyzeRow(analyzer, row.f, context);
      if (outcome.ok) return { r: outcome.result };
      failed++;
      return { e: outcome.error };
    });
    return { results: encodeRows(results), rows: rows.length, failed };
  }

  /** Models load once per thread and tool, on the first chunk that needs them. */
  private analyzer(tool: ToolName, spec: string): Promise<RowAnalyzer> {
    const key = `${tool}\u0000${spec}`;
    let loading = this.analyzers.get(key);
    if (loading === undefined) {
      loading = loadToolAdapter(tool).then((adapter) => adapter.load(spec));
      loading.catch(() => this.analyzers.delete(key));
      this.analyzers.set(key, loading);
    }
    return loading;
  }
}
