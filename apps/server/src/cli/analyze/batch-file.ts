import { resolve } from 'node:path';
import { CliError } from '../errors.ts';
import { inputFormatOf, outputFormatOf } from '../io/formats.ts';
import { openOutput } from '../io/output.ts';
import { openRowSource } from '../io/read-rows.ts';
import { createResultWriter } from '../io/write-results.ts';
import { createProgress } from '../progress.ts';
import { loadAnalyzer } from './load-analyzer.ts';
import type { ToolAdapter } from '../../tools/types.ts';
import type { AnalyzeOptions } from './options.ts';
import { analyzeRow, outputColumns, warn } from './records.ts';

/**
 * Every row of `--input`, streamed: one output record per input row, in input order. Returns the
 * exit status: 0 when every row succeeded, 2 when some failed (fatal problems throw CliError).
 */
export async function analyzeFile(
  adapter: ToolAdapter,
  options: AnalyzeOptions & { input: string },
): Promise<number> {
  if (options.output !== undefined && resolve(options.output) === resolve(options.input)) {
    throw new CliError('--output is the same file as --input; it would be overwritten while being read');
  }
  // Input first: a wrong column or a missing file fails before the model loads or output is created.
  const source = await openRowSource(options.input, {
    format: inputFormatOf(options.input, options.format),
    columns: adapter.columns(options.settings),
    maxRecordChars: Math.max(16 * 1024 * 1024, options.maxChars * 4),
  });
  const analyzer = await loadAnalyzer(adapter);
  const output = await openOutput(options.output);
  const writer = createResultWriter(
    output.stream,
    outputFormatOf(options.output),
    outputColumns(adapter, true),
    warn,
  );
  // On a shared terminal the bar would be torn by the results printed to stdout, so it is shown
  // only when stdout goes elsewhere.
  const progress = createProgress({
    enabled: process.stderr.isTTY === true && (options.output !== undefined || process.stdout.isTTY !== true),
    totalBytes: source.totalBytes,
  });
  const context = {
    explain: options.explain ?? false,
    maxChars: options.maxChars,
    settings: options.settings,
  };

  let done = 0;
  let failed = 0;
  try {
    for await (const row of source.rows) {
      const outcome =
        'error' in row
          ? ({ ok: false, error: row.error } as const)
          : analyzeRow(analyzer, row.fields, context);
      if (!outcome.ok) failed += 1;
      await writer.write(
        outcome.ok ? { id: row.id, ...outcome.result } : { id: row.id, error: outcome.error },
      );
      done += 1;
      progress.update(done, source.bytesRead());
    }
  } finally {
    progress.stop();
  }
  await writer.close();
  await output.close();

  if (failed > 0) {
    process.stderr.write(`textai: ${failed} of ${done} rows failed (see their "error" field)\n`);
    return 2;
  }
  return 0;
}
