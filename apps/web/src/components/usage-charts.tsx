import type { Analytics } from '../api/history.ts';
import { ChartSection, DailyLineChart, NumbersTable, SimpleBarChart } from './analytics-charts.tsx';
import { formatCount, formatDay, formatLatency, formatPercent, toolLabel } from './history-format.ts';
import {
  busiestDay,
  dayRange,
  errorRate,
  formatErrorRate,
  listing,
  perToolData,
  plural,
  type DayPoint,
  type Datum,
} from './usage-format.ts';

/**
 * The usage charts that the analytics page and the admin page's system health both draw from
 * GET /analytics (recharts: loaded with those only). On the admin page (`everyone`) the figures
 * cover all users and guests, and the headings sit one level lower, under "System health".
 */
export interface UsageChartProps {
  analytics: Analytics;
  /** An admin's view of everyone: said in the summaries, and ids are prefixed (one page, two uses). */
  everyone?: boolean;
}

const idOf = (everyone: boolean | undefined, id: string) => (everyone === true ? `admin-${id}` : id);
const levelOf = (everyone: boolean | undefined) => (everyone === true ? 4 : 2);
const whose = (everyone: boolean | undefined) => (everyone === true ? ', all users' : '');

export function CallsPerToolChart({ analytics }: UsageChartProps) {
  const data = perToolData(analytics.per_tool);
  return (
    <ChartSection
      id="calls-per-tool"
      title="Calls per tool"
      description="Last 30 days"
      height={240}
      summary={
        data.length === 0
          ? 'Bar chart of calls per tool: no calls in the last 30 days.'
          : `Bar chart of calls per tool over the last 30 days: ${listing(data, formatCount)}.`
      }
      chart={<SimpleBarChart data={data} seriesName="Calls" format={formatCount} />}
      table={
        <NumbersTable
          caption="Calls per tool, last 30 days"
          columns={['Tool', 'Calls']}
          rows={data.map((d) => [d.name, formatCount(d.value)] as const)}
        />
      }
    />
  );
}

/** Average latency per call, per tool: upright bars, or lying ones where the chart is narrow. */
export function LatencyPerToolChart({
  analytics,
  everyone,
  horizontal = false,
}: UsageChartProps & { horizontal?: boolean }) {
  const data = perToolData(analytics.average_latency_ms_per_tool);
  return (
    <ChartSection
      id={idOf(everyone, 'latency-per-tool')}
      level={levelOf(everyone)}
      title="Average latency per tool"
      description="Last 30 days, per call"
      height={everyone === true ? 220 : 240}
      summary={
        data.length === 0
          ? 'Bar chart of average latency per tool: no calls in the last 30 days.'
          : `Bar chart of average latency per call, per tool, over the last 30 days: ${listing(data, formatLatency)}.`
      }
      chart={
        <SimpleBarChart
          data={data}
          seriesName="Average latency"
          format={formatLatency}
          horizontal={horizontal}
        />
      }
      table={
        <NumbersTable
          caption="Average latency per tool, last 30 days"
          columns={['Tool', 'Average latency']}
          rows={data.map((d) => [d.name, formatLatency(d.value)] as const)}
        />
      }
    />
  );
}

export function CallsPerDayChart({ analytics, everyone }: UsageChartProps) {
  const days: DayPoint[] = analytics.per_day.map((d) => ({
    date: d.date,
    day: formatDay(d.date),
    value: d.calls,
  }));
  const total = analytics.per_day.reduce((sum, d) => sum + d.calls, 0);
  const busiest = busiestDay(days);
  const range = dayRange(days);
  return (
    <ChartSection
      id={idOf(everyone, 'calls-per-day')}
      level={levelOf(everyone)}
      title="Calls per day"
      description={`Last 30 days, in your time zone (${analytics.time_zone})`}
      height={everyone === true ? 220 : 260}
      summary={
        range === null
          ? 'Line chart of calls per day: no days.'
          : `Line chart of calls per day${whose(everyone)}, ${range}: ${plural(total, 'call')} in all` +
            (busiest === null
              ? '.'
              : `, the most on ${formatDay(busiest.date, true)} (${plural(busiest.value ?? 0, 'call')}).`)
      }
      chart={<DailyLineChart data={days} seriesName="Calls" />}
      table={
        <NumbersTable
          caption={`Calls per day, last 30 days${whose(everyone)}`}
          columns={['Day', 'Calls']}
          rows={analytics.per_day.map((d) => [formatDay(d.date, true), formatCount(d.calls)] as const)}
        />
      }
    />
  );
}

/** The error-rate axis: at least 0–10% (a run of 0% days is a flat line at the bottom), at most 100%. */
function rateAxisTop(largest: number): number {
  return Math.min(1, Math.max(0.1, Math.ceil(largest * 10) / 10));
}

/**
 * The share of each day's items (texts analysed) that failed: batch items and file-job rows that
 * came back with an error. A single call is one item that either answers or is refused before it
 * counts, so it never fails here. A day without items has no rate: a gap in the line, not a 0%
 * that would look like a good day.
 */
export function ErrorRatePerDayChart({ analytics, everyone }: UsageChartProps) {
  const days: DayPoint[] = analytics.per_day.map((d) => ({
    date: d.date,
    day: formatDay(d.date),
    value: errorRate(d),
  }));
  const items = analytics.per_day.reduce((sum, d) => sum + d.items, 0);
  const failed = analytics.per_day.reduce((sum, d) => sum + d.failed, 0);
  const worst = busiestDay(days);
  const worstDay = worst === null ? undefined : analytics.per_day.find((d) => d.date === worst.date);
  const range = dayRange(days);
  let summary: string;
  if (range === null || items === 0) {
    summary = 'Line chart of the error rate per day: no items in the last 30 days.';
  } else {
    summary =
      `Line chart of the error rate per day${whose(everyone)}, ${range}: ` +
      `${plural(failed, 'failed item')} of ${plural(items, 'item')} (${formatPercent(failed / items)}) in all` +
      (worstDay === undefined
        ? '.'
        : `, the highest on ${formatDay(worstDay.date, true)} (${formatErrorRate(errorRate(worstDay))}, ${formatCount(worstDay.failed)} of ${formatCount(worstDay.items)}).`);
  }
  return (
    <ChartSection
      id={idOf(everyone, 'error-rate-per-day')}
      level={levelOf(everyone)}
      title="Error rate per day"
      description="Last 30 days: the share of the texts analysed that failed (batch and file rows); blank on days without calls"
      height={everyone === true ? 220 : 240}
      summary={summary}
      chart={<DailyLineChart data={days} seriesName="Error rate" format={formatPercent} top={rateAxisTop} />}
      table={
        <NumbersTable
          caption={`Error rate per day, last 30 days${whose(everyone)}`}
          columns={['Day', 'Items', 'Failed', 'Error rate']}
          rows={analytics.per_day.map(
            (d) =>
              [
                formatDay(d.date, true),
                formatCount(d.items),
                formatCount(d.failed),
                formatErrorRate(errorRate(d)),
              ] as const,
          )}
        />
      }
    />
  );
}

const LABEL_COLORS: Record<string, string> = {
  POSITIVE: 'teal',
  NEGATIVE: 'red',
  NEUTRAL: 'gray',
  REAL: 'teal',
  FAKE: 'red',
  'Excellent Match': 'green',
  'Strong Match': 'teal',
  'Good Match': 'blue',
  'Fair Match': 'yellow',
  'Weak Match': 'red',
};
const SPARE_COLORS = ['indigo', 'grape', 'cyan', 'orange', 'lime', 'pink'];

/** How often each verdict came out, one chart per tool that has any. */
export function ResultChart({ tool, counts }: { tool: string; counts: Record<string, number> }) {
  const data: Datum[] = Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, n], index) => ({
      name: label,
      value: n,
      color: LABEL_COLORS[label] ?? SPARE_COLORS[index % SPARE_COLORS.length],
    }));
  const name = toolLabel(tool);
  return (
    <ChartSection
      id={`labels-${tool}`}
      title={`${name} results`}
      description="How often each verdict came out, since your history began"
      height={Math.max(140, data.length * 44 + 40)}
      summary={`Bar chart of ${name} results: ${listing(data, formatCount)}.`}
      chart={<SimpleBarChart data={data} seriesName="Calls" format={formatCount} horizontal />}
      table={
        <NumbersTable
          caption={`${name} results`}
          columns={['Result', 'Calls']}
          rows={data.map((d) => [d.name, formatCount(d.value)] as const)}
        />
      }
    />
  );
}
