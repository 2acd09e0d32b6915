import { analyzeRow, type RowOutcome } from '../tools/analyze-row.ts';
import type { RowFields } from '../tools/rows.ts';
import type { RowAnalyzer, RowContext } from '../tools/types.ts';
import { inBatches } from './neural-analyzer.ts';

type Result = Readonly<Record<string, unknown>>;

export interface NeuralStep<Input, Output> {
  /** The network's input for a row that the built-in adapter accepted. */
  inputOf(fields: RowFields, base: Result, context: RowContext): Input;
  /** One batch of inputs through the network: one output per input, in order. */
  run(inputs: Input[]): Promise<Output[]>;
  /** The row's result: the built-in result with the network's answer in place of the model's. */
  merge(base: Result, output: Output): Record<string, unknown>;
}

/**
 * The built-in analyzer runs first on every row: it validates the fields exactly as for the
 * built-in model (same errors, same limits) and gives what a network does not (language warnings,
 * keywords, credibility signals, skills). The rows it accepts then go through the network in
 * batches, and each row's time is its own validation plus its share of its batch's model time.
 */
export async function enrichRows<Input, Output>(
  builtin: RowAnalyzer,
  rows: readonly RowFields[],
  context: RowContext,
  step: NeuralStep<Input, Output>,
): Promise<RowOutcome[]> {
  const outcomes = rows.map((fields) => analyzeRow(builtin, fields, context));
  const accepted = outcomes.flatMap((outcome, index) =>
    outcome.ok ? [{ index, base: outcome.result }] : [],
  );
  const outputs = await inBatches(accepted, async (batch) => {
    const started = performance.now();
    const results = await step.run(
      batch.map(({ index, base }) => step.inputOf(rows[index] ?? {}, base, context)),
    );
    const share = (performance.now() - started) / batch.length;
    return results.map((output) => ({ output, share }));
  });
  accepted.forEach(({ index, base }, position) => {
    const done = outputs[position];
    if (done === undefined) return;
    const merged = step.merge(base, done.output);
    const total = Number(base['processing_time_ms'] ?? 0) + done.share;
    outcomes[index] = {
      ok: true,
      result: { ...merged, processing_time_ms: Math.round(total * 1000) / 1000 },
    };
  });
  return outcomes;
}
