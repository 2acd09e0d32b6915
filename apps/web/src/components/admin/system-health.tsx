import { Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { fetchReadiness, fetchStats, fetchUsage } from '../../api/admin.ts';
import type { Readiness, SystemStats } from '../../api/admin.ts';
import { useLoaded } from '../../hooks/use-loaded.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { DataTable } from '../data-table.tsx';
import { Figure, FigureGrid } from '../figures.tsx';
import { formatPercent } from '../history-format.ts';
import { browserTimeZone, formatBytes } from '../when.ts';
import { AdminSection, RefreshButton } from './admin-section.tsx';
import { formatUptime } from './format.ts';

const DATABASE_STATES: Record<Readiness['database'], string> = {
  ok: 'reachable',
  unreachable: 'unreachable',
  not_writable: 'not writable (disk full or read-only)',
};

// recharts comes with the charts only, in their own chunk.
const HealthCharts = lazy(() => import('./health-charts.tsx'));

/** A status in words with a coloured dot: the colour is never the only signal. */
function Status({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <Text component="span" size="sm" fw={600} c={ok ? 'teal' : 'red'} className="status-text nowrap">
      <span aria-hidden="true">{ok ? '●' : '▲'}</span> {children}
    </Text>
  );
}

function StatGrid({ stats }: { stats: SystemStats }) {
  const { jobs } = stats;
  return (
    <FigureGrid>
      <Figure label="Uptime" value={formatUptime(stats.uptime_seconds)} />
      <Figure
        label="Memory"
        value={formatBytes(stats.memory.rss_bytes)}
        detail={`resident; heap ${formatBytes(stats.memory.heap_used_bytes)}`}
      />
      <Figure
        label="Database"
        value={formatBytes(stats.database.size_bytes)}
        detail={stats.database.dialect === 'postgres' ? 'PostgreSQL' : stats.database.dialect}
      />
      <Figure label="Users" value={stats.users.toLocaleString()} />
      <Figure
        label="Calls (24 h)"
        value={stats.calls_24h.toLocaleString()}
        detail="tool calls and batch items"
      />
      <Figure
        label="Error rate (24 h)"
        value={formatPercent(stats.error_rate_24h)}
        detail={stats.calls_24h === 0 ? 'no calls yet' : 'of those calls failed'}
      />
      <Figure label="Queue depth" value={stats.queue_depth.toLocaleString()} detail="job rows not yet done" />
      <Figure
        label="Jobs"
        value={`${jobs.active.toLocaleString()} active`}
        detail={
          jobs.runner === 'threads'
            ? `worker threads here; ${jobs.threads_busy ?? 0} busy`
            : 'run by textai worker processes (BullMQ)'
        }
      />
    </FigureGrid>
  );
}

function ModelsTable({ stats, readiness }: { stats: SystemStats | null; readiness: Readiness | null }) {
  const models = readiness?.models ?? stats?.models ?? [];
  if (models.length === 0) return null;
  return (
    <DataTable labelledBy="models-heading" columns={['Tool', 'Model', 'Version', 'Status']}>
      {models.map((model) => (
        <Table.Tr key={model.tool}>
          <Table.Td>{model.tool}</Table.Td>
          <Table.Td>{model.name}</Table.Td>
          <Table.Td>{model.version}</Table.Td>
          <Table.Td>
            <Status ok={model.status === 'loaded'}>
              {/* A neural model that did not load: the built-in one serves the tool meanwhile. */}
              {model.status === 'fallback' ? 'fallback: built-in model serving' : model.status}
            </Status>
            {'error' in model && typeof model.error === 'string' && (
              <Text size="xs" c="dimmed">
                {model.error}
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/**
 * Uptime, memory, database, users, calls, errors, the job queue (GET /admin/stats), /readyz, and
 * charts of everyone's calls per day and latency per tool (GET /analytics).
 */
export function SystemHealth() {
  const stats = useLoaded('stats', fetchStats);
  const readiness = useLoaded('readiness', fetchReadiness);
  const timeZone = browserTimeZone();
  const usage = useLoaded(`usage:${timeZone}`, () => fetchUsage(timeZone));
  const refresh = () => {
    stats.reload();
    readiness.reload();
    usage.reload();
  };
  const ready = readiness.data;
  return (
    <AdminSection
      id="health-heading"
      title="System health"
      actions={
        <RefreshButton
          what="system health"
          onClick={refresh}
          loading={stats.loading || readiness.loading || usage.loading}
        />
      }
    >
      {stats.error !== null && <ApiErrorAlert error={stats.error} />}
      {readiness.error !== null && <ApiErrorAlert error={readiness.error} />}
      {usage.error !== null && <ApiErrorAlert error={usage.error} />}
      {stats.data !== null && <StatGrid stats={stats.data} />}
      {usage.data !== null && (
        <Suspense
          fallback={
            <Center py="md">
              <Loader role="status" size="sm" aria-label="Loading the charts" />
            </Center>
          }
        >
          <HealthCharts analytics={usage.data} />
        </Suspense>
      )}
      {ready !== null && (
        <Stack gap="xs">
          <Title order={3} size="h4" id="models-heading">
            Readiness
          </Title>
          <Group gap="lg">
            <Status ok={ready.status === 'ready'}>
              {ready.status === 'ready' ? 'Ready to serve' : 'Not ready'}
            </Status>
            <Status ok={ready.database === 'ok'}>Database {DATABASE_STATES[ready.database]}</Status>
          </Group>
        </Stack>
      )}
      <ModelsTable stats={stats.data} readiness={ready} />
    </AdminSection>
  );
}
