import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { UsageAnalytics } from '../../api/admin.ts';
import { CallsPerDayChart, ErrorRatePerDayChart, LatencyPerToolChart } from '../usage-charts.tsx';

/**
 * The charts of the admin page's system health, from GET /analytics as an admin (everyone's
 * figures, guests included): calls and the error rate per day over the last 30 days, and the
 * average latency per tool. Loaded lazily, with recharts.
 */
export default function HealthCharts({ analytics }: { analytics: UsageAnalytics }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id="usage-heading">
        Calls, latency and errors
      </Title>
      <Text size="sm" c="dimmed">
        Everyone’s calls (guests included), days in {analytics.time_zone}.
      </Text>
      <CallsPerDayChart analytics={analytics} everyone />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <LatencyPerToolChart analytics={analytics} everyone horizontal />
        <ErrorRatePerDayChart analytics={analytics} everyone />
      </SimpleGrid>
    </Stack>
  );
}
