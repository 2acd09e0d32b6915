import type { ToolName } from '../api/history.ts';

/** The tools' names as the navigation shows them. */
export const TOOL_LABELS: Record<ToolName, string> = {
  sentiment: 'Sentiment',
  summarize: 'Summarize',
  'fake-news': 'Fake news',
  'job-match': 'Job match',
};

export const TOOL_ORDER: readonly ToolName[] = ['sentiment', 'summarize', 'fake-news', 'job-match'];

export function isToolName(value: string): value is ToolName {
  return (TOOL_ORDER as readonly string[]).includes(value);
}

/** A tool's display name; an unknown one (a newer server) as it came. */
export function toolLabel(tool: string): string {
  return isToolName(tool) ? TOOL_LABELS[tool] : tool;
}

export const SOURCE_LABELS: Record<string, string> = {
  ui: 'Web',
  api: 'API',
  batch: 'Batch',
  job: 'File job',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const longTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'medium' });

/** A time in the browser's zone: "3 Jun 2026, 14:05". */
export function formatTime(iso: string, long = false): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return (long ? longTimeFormat : timeFormat).format(ms);
}

/** "12.3 ms", "842 ms", "2.41 s". */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatCount(value: number): string {
  return value.toLocaleString();
}

/** A ratio as a percentage: "0.4%", "12%" (one decimal below 10%, where it still says something). */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** A calendar day "2026-06-03" (no zone): "3 Jun". */
export function formatDay(day: string, withYear = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  });
}

/**
 * The start of a local calendar day ("2026-06-03" from a date field) as an ISO time with the
 * browser's offset, so that the day means the user's day, not UTC's; `nextDay` gives the start of
 * the day after (for an exclusive upper bound that includes the whole day).
 */
export function localDayStart(day: string, nextDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0));
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString();
}

/** "match_percentage" → "Match percentage". */
export function humanizeKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words === '' ? key : words.charAt(0).toUpperCase() + words.slice(1);
}
