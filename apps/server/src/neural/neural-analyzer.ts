import type { RowOutcome } from '../tools/analyze-row.ts';
import type { RowFields } from '../tools/rows.ts';
import type { RowContext } from '../tools/types.ts';

/**
 * A tool backed by a neural model. Rows come in lists so that the network sees them in batches
 * (one padded tensor per batch: far more rows per second than one call per row); each row still
 * succeeds or fails on its own, validated by the built-in adapter of the same tool.
 */
export interface NeuralAnalyzer {
  readonly model: { name: string; version: string };
  analyzeRows(rows: readonly RowFields[], context: RowContext): Promise<RowOutcome[]>;
  dispose(): Promise<void>;
}

/** Rows per model call: big enough to amortise the call, small enough to bound padding waste. */
export const NEURAL_BATCH_SIZE = 16;

export async function inBatches<T, R>(items: readonly T[], run: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += NEURAL_BATCH_SIZE) {
    results.push(...(await run(items.slice(start, start + NEURAL_BATCH_SIZE))));
  }
  return results;
}
