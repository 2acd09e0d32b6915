import { CliError } from '../errors.ts';
import { fakeNewsAdapter } from './fake-news.ts';
import { jobMatchAdapter } from './job-match.ts';
import { sentimentAdapter } from './sentiment.ts';
import { summarizeAdapter } from './summarize.ts';
import type { ToolName } from './names.ts';
import type { RowAnalyzer, ToolAdapter } from './types.ts';

/**
 * One entry per tool: a new tool is one adapter file plus its line here. Adapters are light (they
 * import core only when their model loads), so the table can name them all.
 */
const ADAPTERS: Record<ToolName, () => Promise<ToolAdapter>> = {
  sentiment: () => Promise.resolve(sentimentAdapter),
  'fake-news': () => Promise.resolve(fakeNewsAdapter),
  summarize: () => Promise.resolve(summarizeAdapter),
  'job-match': () => Promise.resolve(jobMatchAdapter),
};

export function loadToolAdapter(tool: ToolName): Promise<ToolAdapter> {
  return ADAPTERS[tool]();
}

/** Loads the adapter's model; a missing or broken model file is fatal, with the loader's reason. */
export async function loadAnalyzer(adapter: ToolAdapter): Promise<RowAnalyzer> {
  try {
    return await adapter.load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot load the ${adapter.name} model: ${reason}`);
  }
}
