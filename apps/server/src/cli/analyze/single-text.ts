import { CliError } from '../errors.ts';
import { outputFormatOf } from '../io/formats.ts';
import { openOutput } from '../io/output.ts';
import { readAllText } from '../io/read-stdin.ts';
import { createResultWriter, writeChunk } from '../io/write-results.ts';
import { loadAnalyzer } from './load-analyzer.ts';
import type { ToolAdapter } from '../../tools/types.ts';
import type { AnalyzeOptions } from './options.ts';
import { analyzeRow, outputColumns, warn } from './records.ts';

/**
 * One text from the TEXT argument or stdin. The result has no `id`; it is printed as indented JSON
 * on a terminal and as one line otherwise (for pipes and scripts), or written to `--output`.
 * Returns the exit status: 0, or 2 when the text could not be analysed.
 */
export async function analyzeSingleText(adapter: ToolAdapter, options: AnalyzeOptions): Promise<number> {
  let text = options.text;
  if (text === undefined) {
    // Waiting on an interactive terminal would look like a hang; say what was expected instead.
    if (process.stdin.isTTY === true) {
      throw new CliError('no text to analyse: give it as an argument, pipe it on stdin, or use --input FILE');
    }
    text = await readAllText(process.stdin);
  }

  const analyzer = await loadAnalyzer(adapter);
  const outcome = analyzeRow(analyzer, adapter.fieldsFromText(text, options.settings), {
    explain: options.explain ?? true,
    maxChars: options.maxChars,
    settings: options.settings,
  });
  const record = outcome.ok ? outcome.result : { error: outcome.error };

  if (options.output === undefined) {
    const json = process.stdout.isTTY === true ? JSON.stringify(record, null, 2) : JSON.stringify(record);
    await writeChunk(process.stdout, `${json}\n`);
  } else {
    const output = await openOutput(options.output);
    const writer = createResultWriter(
      output.stream,
      outputFormatOf(options.output),
      outputColumns(adapter, false),
      warn,
    );
    await writer.write(record);
    await writer.close();
    await output.close();
  }

  if (outcome.ok) return 0;
  process.stderr.write(`textai: ${outcome.error.code}: ${outcome.error.message}\n`);
  return 2;
}
