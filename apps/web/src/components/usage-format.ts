import type { Analytics } from '../api/history.ts';
import { TOOL_ORDER, formatCount, formatDay, formatPercent, toolLabel } from './history-format.ts';

/** The analytics figures as the charts of the analytics and admin pages show them (no recharts here). */

export const TOOL_COLORS: Record<string, string> = {
  sentiment: 'indigo',
  summarize: 'cyan',
  'fake-news': 'grape',
  'job-match': 'orange',
};

/** "1 call", "2 calls". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The tools in the usual order, then any others the server knows (a newer server), by name. */
export function orderedTools(record: Record<string, unknown>): string[] {
  const known = TOOL_ORDER.filter((tool) => tool in record);
  const others = Object.keys(record)
    .filter((tool) => !(TOOL_ORDER as readonly string[]).includes(tool))
    .sort();
  return [...known, ...others];
}

export interface Datum {
  name: string;
  value: number;
  /** A Mantine colour name (teal, red…); the primary colour when absent. */
  color?: string | undefined;
}

/** One bar per tool, in the usual order, each in its tool's colour. */
export function perToolData(record: Record<string, number>): Datum[] {
  return orderedTools(record).map((tool) => ({
    name: toolLabel(tool),
    value: record[tool] ?? 0,
    color: TOOL_COLORS[tool],
  }));
}

/** "Sentiment 2, Summarize 1" for a chart's summary. */
export function listing(data: readonly Datum[], format: (value: number) => string): string {
  return data.map((d) => `${d.name} ${format(d.value)}`).join(', ');
}

export interface DayPoint {
  date: string;
  /** The axis label: "3 Jun". */
  day: string;
  value: number | null;
}

/** The day that has the highest value, or null when no day has any. */
export function busiestDay(days: readonly DayPoint[]): DayPoint | null {
  let best: DayPoint | null = null;
  for (const d of days)
    if (d.value !== null && d.value > 0 && (best === null || d.value > (best.value ?? 0))) best = d;
  return best;
}

/** "from 1 Jun 2026 to 30 Jun 2026", or null without days. */
export function dayRange(days: readonly { date: string }[]): string | null {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return null;
  return `from ${formatDay(first.date, true)} to ${formatDay(last.date, true)}`;
}

type Day = Analytics['per_day'][number];

/** A day's error rate: failed items over items; null on a day without items (nothing to fail). */
export function errorRate(day: Pick<Day, 'items' | 'failed'>): number | null {
  return day.items === 0 ? null : day.failed / day.items;
}

export function formatErrorRate(rate: number | null): string {
  return rate === null ? '–' : formatPercent(rate);
}
