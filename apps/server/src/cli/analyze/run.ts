import { loadToolAdapter } from '../../tools/index.ts';
import { analyzeFile } from './batch-file.ts';
import type { AnalyzeOptions } from './options.ts';
import { analyzeSingleText } from './single-text.ts';

/** Entry point of `textai analyze`, imported only when the command runs; returns the exit status. */
export async function runAnalyze(options: AnalyzeOptions): Promise<number> {
  const adapter = await loadToolAdapter(options.tool);
  const { input } = options;
  return input === undefined
    ? analyzeSingleText(adapter, options)
    : analyzeFile(adapter, { ...options, input });
}
