import { Badge, Center, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { getAnalytics } from '../api/history.ts';
import type { Analytics } from '../api/history.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { Figure, FigureGrid } from '../components/figures.tsx';
import { formatCount, formatLatency, toolLabel } from '../components/history-format.ts';
import { RequireLogin } from '../components/require-login.tsx';
import { ToolHeader } from '../components/tool-parts.tsx';
import {
  CallsPerDayChart,
  CallsPerToolChart,
  ErrorRatePerDayChart,
  LatencyPerToolChart,
  ResultChart,
} from '../components/usage-charts.tsx';
import { orderedTools } from '../components/usage-format.ts';
import { browserTimeZone } from '../components/when.ts';
import { useLoaded } from '../hooks/use-loaded.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';

function Totals({ analytics }: { analytics: Analytics }) {
  const { totals } = analytics;
  return (
    <section aria-labelledby="totals-heading">
      <Title order={2} id="totals-heading" className="visually-hidden">
        Totals
      </Title>
      <FigureGrid>
        <Figure label="Calls" value={formatCount(totals.calls)} detail="since your history began" />
        <Figure label="Items" value={formatCount(totals.items)} detail="texts analysed, batches included" />
        <Figure label="Average latency" value={formatLatency(totals.average_latency_ms)} detail="per call" />
        <Figure label="Last 7 days" value={formatCount(analytics.last_7_days)} detail="calls" />
        <Figure label="Last 30 days" value={formatCount(analytics.last_30_days)} detail="calls" />
        <Figure
          label="Most-used tool"
          value={analytics.most_used_tool === null ? '–' : toolLabel(analytics.most_used_tool)}
          detail="over the last 30 days"
        />
      </FigureGrid>
    </section>
  );
}

function Charts({ analytics }: { analytics: Analytics }) {
  const labelTools = orderedTools(analytics.labels);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <CallsPerToolChart analytics={analytics} />
        <LatencyPerToolChart analytics={analytics} />
      </SimpleGrid>
      <CallsPerDayChart analytics={analytics} />
      <ErrorRatePerDayChart analytics={analytics} />
      {labelTools.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {labelTools.map((tool) => (
            <ResultChart key={tool} tool={tool} counts={analytics.labels[tool] ?? {}} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function AnalyticsView({ userId }: { userId: string }) {
  const timeZone = browserTimeZone();
  const { data, error } = useLoaded(`${userId}:${timeZone}`, () => getAnalytics(timeZone));
  if (error !== null) return <ApiErrorAlert error={error} />;
  if (data === null) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Loading analytics" />
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
  return (
    <Stack gap="xl">
      <ToolHeader title="Analytics">
        How much you use each tool, day by day, how fast the answers came, and what the verdicts were.
      </ToolHeader>
      <RequireLogin why="Log in to see your analytics. Your tool calls are counted only when you are logged in.">
        {(user) => <AnalyticsView userId={user.id} />}
      </RequireLogin>
    </Stack>
  );
}
