import { fakeNewsAdapter } from './fake-news.ts';
import { jobMatchAdapter } from './job-match.ts';
import { sentimentAdapter } from './sentiment.ts';
import { summarizeAdapter } from './summarize.ts';
import type { ToolName } from './names.ts';
import type { ToolAdapter } from './types.ts';

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
