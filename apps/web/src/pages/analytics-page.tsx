import { Badge, Box, Center, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { getAnalytics } from '../api/history.ts';
import type { Analytics } from '../api/history.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import {
  ChartSection,
  DailyLineChart,
  NumbersTable,
  SR_ONLY,
  SimpleBarChart,
} from '../components/analytics-charts.tsx';
import type { Datum } from '../components/analytics-charts.tsx';
import {
  TOOL_ORDER,
  formatCount,
  formatDay,
  formatLatency,
  toolLabel,
} from '../components/history-format.ts';
import { HistoryLoginPrompt } from '../components/history-login-prompt.tsx';
import { ToolHeader } from '../components/tool-parts.tsx';
import { useApiData } from '../hooks/use-api-data.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';

/** The browser's IANA time zone (days are counted in it); UTC if the browser does not say. */
function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const TOOL_COLORS: Record<string, string> = {
  sentiment: 'indigo',
  summarize: 'cyan',
  'fake-news': 'grape',
  'job-match': 'orange',
};

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

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The tools in the usual order, then any the server knows that this page does not. */
function orderedTools(record: Record<string, unknown>): string[] {
  const known = TOOL_ORDER.filter((tool) => tool in record);
  const others = Object.keys(record)
    .filter((tool) => !(TOOL_ORDER as readonly string[]).includes(tool))
    .sort();
  return [...known, ...others];
}

function listing(data: readonly Datum[], format: (value: number) => string): string {
  return data.map((d) => `${d.name} ${format(d.value)}`).join(', ');
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="md">
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" ml={0} fz={26} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint !== undefined && (
        <Text component="dd" ml={0} size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** A plain CSS grid: a <dl> may hold only its <div> groups (no style element, as SimpleGrid adds). */
const FIGURES_GRID = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 10rem), 1fr))',
  gap: 'var(--mantine-spacing-sm)',
} as const;

function Totals({ analytics }: { analytics: Analytics }) {
  const { totals } = analytics;
  return (
    <section aria-labelledby="totals-heading">
      <Title order={2} id="totals-heading" style={SR_ONLY}>
        Totals
      </Title>
      <Box component="dl" m={0} style={FIGURES_GRID}>
        <Stat label="Calls" value={formatCount(totals.calls)} hint="since your history began" />
        <Stat label="Items" value={formatCount(totals.items)} hint="texts analysed, batches included" />
        <Stat label="Average latency" value={formatLatency(totals.average_latency_ms)} hint="per call" />
        <Stat label="Last 7 days" value={formatCount(analytics.last_7_days)} hint="calls" />
        <Stat label="Last 30 days" value={formatCount(analytics.last_30_days)} hint="calls" />
        <Stat
          label="Most-used tool"
          value={analytics.most_used_tool === null ? '–' : toolLabel(analytics.most_used_tool)}
          hint="over the last 30 days"
        />
      </Box>
    </section>
  );
}

function Charts({ analytics }: { analytics: Analytics }) {
  const count = (n: number) => formatCount(n);

  const perTool: Datum[] = orderedTools(analytics.per_tool).map((tool) => ({
    name: toolLabel(tool),
    value: analytics.per_tool[tool] ?? 0,
    color: TOOL_COLORS[tool],
  }));
  const latency: Datum[] = orderedTools(analytics.average_latency_ms_per_tool).map((tool) => ({
    name: toolLabel(tool),
    value: analytics.average_latency_ms_per_tool[tool] ?? 0,
    color: TOOL_COLORS[tool],
  }));
  const days = analytics.per_day.map((d) => ({ day: formatDay(d.date), date: d.date, value: d.calls }));
  const busiest = days.reduce<(typeof days)[number] | null>(
    (best, d) => (best === null || d.value > best.value ? d : best),
    null,
  );
  const dayTotal = days.reduce((sum, d) => sum + d.value, 0);
  const firstDay = days[0];
  const lastDay = days[days.length - 1];
  const labelTools = orderedTools(analytics.labels);

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChartSection
          id="calls-per-tool"
          title="Calls per tool"
          description="Last 30 days"
          height={240}
          summary={
            perTool.length === 0
              ? 'Bar chart of calls per tool: no calls in the last 30 days.'
              : `Bar chart of calls per tool over the last 30 days: ${listing(perTool, count)}.`
          }
          chart={<SimpleBarChart data={perTool} seriesName="Calls" format={count} />}
          table={
            <NumbersTable
              caption="Calls per tool, last 30 days"
              columns={['Tool', 'Calls']}
              rows={perTool.map((d) => [d.name, count(d.value)] as const)}
            />
          }
        />
        <ChartSection
          id="latency-per-tool"
          title="Average latency per tool"
          description="Last 30 days, per call"
          height={240}
          summary={
            latency.length === 0
              ? 'Bar chart of average latency per tool: no calls in the last 30 days.'
              : `Bar chart of average latency per call, per tool, over the last 30 days: ${listing(latency, formatLatency)}.`
          }
          chart={<SimpleBarChart data={latency} seriesName="Average latency" format={formatLatency} />}
          table={
            <NumbersTable
              caption="Average latency per tool, last 30 days"
              columns={['Tool', 'Average latency']}
              rows={latency.map((d) => [d.name, formatLatency(d.value)] as const)}
            />
          }
        />
      </SimpleGrid>

      <ChartSection
        id="calls-per-day"
        title="Calls per day"
        description={`Last 30 days, in your time zone (${analytics.time_zone})`}
        height={260}
        summary={
          firstDay === undefined || lastDay === undefined
            ? 'Line chart of calls per day: no days.'
            : `Line chart of calls per day from ${formatDay(firstDay.date, true)} to ${formatDay(lastDay.date, true)}: ${plural(dayTotal, 'call')} in all` +
              (busiest !== null && busiest.value > 0
                ? `, the most on ${formatDay(busiest.date, true)} (${plural(busiest.value, 'call')}).`
                : '.')
        }
        chart={<DailyLineChart data={days} seriesName="Calls" />}
        table={
          <NumbersTable
            caption="Calls per day, last 30 days"
            columns={['Day', 'Calls']}
            rows={analytics.per_day.map((d) => [formatDay(d.date, true), count(d.calls)] as const)}
          />
        }
      />

      {labelTools.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {labelTools.map((tool) => {
            const counts = analytics.labels[tool] ?? {};
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
                key={tool}
                id={`labels-${tool}`}
                title={`${name} results`}
                description="How often each verdict came out, since your history began"
                height={Math.max(140, data.length * 44 + 40)}
                summary={`Bar chart of ${name} results: ${listing(data, count)}.`}
                chart={<SimpleBarChart data={data} seriesName="Calls" format={count} horizontal />}
                table={
                  <NumbersTable
                    caption={`${name} results`}
                    columns={['Result', 'Calls']}
                    rows={data.map((d) => [d.name, count(d.value)] as const)}
                  />
                }
              />
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function AnalyticsView({ userId }: { userId: string }) {
  const timeZone = browserTimeZone();
  const { data, error } = useApiData(`${userId}:${timeZone}`, () => getAnalytics(timeZone));
  if (error !== null) return <ApiErrorAlert error={error} />;
  if (data === null) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading analytics" />
      </Center>
    );
  }
  return (
    <Stack gap="lg">
      {data.scope === 'everyone' && (
        <Text size="sm">
          <Badge variant="light" mr="xs">
            Everyone
          </Badge>
          As an administrator you see the figures of every account, guests included.
        </Text>
      )}
      <Totals analytics={data} />
      {data.totals.calls === 0 ? (
        <Paper withBorder p="lg">
          <Text>
            No calls yet: the charts appear after your first analysis. Try{' '}
            <Link to="/sentiment">Sentiment</Link> or <Link to="/summarize">Summarize</Link>.
          </Text>
        </Paper>
      ) : (
        <Charts analytics={data} />
      )}
    </Stack>
  );
}

/** Analytics: the user's usage in figures and charts (an admin's covers everyone). */
export default function AnalyticsPage() {
  usePageTitle('Analytics');
  const { user, ready } = useAuth();
  return (
    <Stack gap="xl">
      <ToolHeader title="Analytics">
        How much you use each tool, day by day, how fast the answers came, and what the verdicts were.
      </ToolHeader>
      {!ready ? (
        <Center py="xl">
          <Loader aria-label="Loading" />
        </Center>
      ) : user === null ? (
        <HistoryLoginPrompt what="your analytics" />
      ) : (
        <AnalyticsView userId={user.id} />
      )}
    </Stack>
  );
}
