import { Box, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SystemStats, UsageAnalytics } from '../../api/admin.ts';
import { DailyLineChart, NumbersTable, SR_ONLY, SimpleBarChart } from '../analytics-charts.tsx';
import type { Datum } from '../analytics-charts.tsx';
import { TOOL_ORDER, formatCount, formatDay, formatLatency, toolLabel } from '../history-format.ts';
import { formatPercent } from './format.ts';

/**
 * The charts of the admin page's system health: everyone's calls per day over the last 30 days and
 * the average latency per tool (GET /analytics as an admin), next to the 24-hour error rate of
 * GET /admin/stats (analytics counts no failed calls per day). Loaded lazily with recharts.
 */

const TOOL_COLORS: Record<string, string> = {
  sentiment: 'indigo',
  summarize: 'cyan',
  'fake-news': 'grape',
  'job-match': 'orange',
};

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The tools in the usual order, then any others the server reports. */
function orderedTools(record: Record<string, unknown>): string[] {
  const known = TOOL_ORDER.filter((tool) => tool in record);
  const others = Object.keys(record)
    .filter((tool) => !(TOOL_ORDER as readonly string[]).includes(tool))
    .sort();
  return [...known, ...others];
}

/** A chart under an h4 (the page's section is an h2, these charts an h3 group): one image, then its numbers. */
function HealthChart({
  id,
  title,
  description,
  summary,
  height,
  chart,
  table,
}: {
  id: string;
  title: string;
  description: string;
  summary: string;
  height: number;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-heading`} data-chart={id}>
      <Stack gap="xs">
        <div>
          <Title order={4} size="h5" id={`${id}-heading`}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        <div role="img" aria-label={summary} style={{ width: '100%', height }}>
          {chart}
        </div>
        <Box style={SR_ONLY}>{table}</Box>
      </Stack>
    </Paper>
  );
}

export default function HealthCharts({
  analytics,
  stats,
}: {
  analytics: UsageAnalytics;
  stats: SystemStats | null;
}) {
  const days = analytics.per_day.map((d) => ({ day: formatDay(d.date), date: d.date, value: d.calls }));
  const total = days.reduce((sum, d) => sum + d.value, 0);
  const busiest = days.reduce<(typeof days)[number] | null>(
    (best, d) => (best === null || d.value > best.value ? d : best),
    null,
  );
  const first = days[0];
  const last = days[days.length - 1];
  const daySummary =
    first === undefined || last === undefined
      ? 'Line chart of calls per day: no days.'
      : `Line chart of calls per day, all users, from ${formatDay(first.date, true)} to ${formatDay(last.date, true)}: ${plural(total, 'call')} in all` +
        (busiest !== null && busiest.value > 0
          ? `, the most on ${formatDay(busiest.date, true)} (${plural(busiest.value, 'call')}).`
          : '.');

  const latency: Datum[] = orderedTools(analytics.average_latency_ms_per_tool).map((tool) => ({
    name: toolLabel(tool),
    value: analytics.average_latency_ms_per_tool[tool] ?? 0,
    color: TOOL_COLORS[tool],
  }));
  const latencySummary =
    latency.length === 0
      ? 'Bar chart of average latency per tool: no calls in the last 30 days.'
      : `Bar chart of average latency per call, per tool, over the last 30 days: ${latency
          .map((d) => `${d.name} ${formatLatency(d.value)}`)
          .join(', ')}.`;

  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id="usage-heading">
        Calls, latency and errors
      </Title>
      <Text size="sm" c="dimmed">
        Everyone’s calls (guests included), days in {analytics.time_zone}.
      </Text>
      <HealthChart
        id="admin-calls-per-day"
        title="Calls per day"
        description="Last 30 days"
        height={220}
        summary={daySummary}
        chart={<DailyLineChart data={days} seriesName="Calls" />}
        table={
          <NumbersTable
            caption="Calls per day, last 30 days, all users"
            columns={['Day', 'Calls']}
            rows={analytics.per_day.map((d) => [formatDay(d.date, true), formatCount(d.calls)] as const)}
          />
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <HealthChart
          id="admin-latency-per-tool"
          title="Average latency per tool"
          description="Last 30 days, per call"
          height={220}
          summary={latencySummary}
          chart={
            <SimpleBarChart data={latency} seriesName="Average latency" format={formatLatency} horizontal />
          }
          table={
            <NumbersTable
              caption="Average latency per tool, last 30 days"
              columns={['Tool', 'Average latency']}
              rows={latency.map((d) => [d.name, formatLatency(d.value)] as const)}
            />
          }
        />
        <Paper withBorder p="md" component="section" aria-labelledby="admin-errors-heading">
          <Stack gap="xs">
            <Title order={4} size="h5" id="admin-errors-heading">
              Failed calls
            </Title>
            <Text fz={32} fw={700} lh={1.2}>
              {stats === null ? '–' : formatPercent(stats.error_rate_24h)}
            </Text>
            <Text size="sm" c="dimmed">
              {stats === null
                ? 'The error rate loads with the system figures.'
                : stats.calls_24h === 0
                  ? 'No calls in the last 24 hours.'
                  : `of ${plural(stats.calls_24h, 'call')} in the last 24 hours failed.`}{' '}
              Errors are not counted per day yet, so there is no daily error chart.
            </Text>
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
