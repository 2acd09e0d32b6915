/**
 * The tool names, kept apart from the adapters so that `--help` and argument checking do not
 * load any model code.
 */
export const TOOL_NAMES = ['sentiment', 'summarize', 'fake-news', 'job-match'] as const;

export type ToolName = (typeof TOOL_NAMES)[number];

export function isToolName(value: string): value is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(value);
}
