import { Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { cancelJob, getJob, isActive, jobEventsUrl, jobResultUrl } from '../../api/jobs.ts';
import type { Job } from '../../api/jobs.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { formatBytes, formatDuration } from '../when.ts';
import { JobStatusBadge, TOOL_LABELS } from './job-status.tsx';

const POLL_MS = 1000;

function isJob(value: unknown): value is Job {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { status?: unknown }).status === 'string' &&
    typeof (value as { rows_done?: unknown }).rows_done === 'number'
  );
}

function parseEvent(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * The job as it goes: Server-Sent Events from GET /jobs/:id/events (a `progress` event whenever it
 * changes, `end` when it stops); if the stream fails (a proxy that buffers or cuts it), polling of
 * GET /jobs/:id every second instead. `onChange` hears every new state, `onGone` a deleted job.
 */
function useLiveJob(
  initial: Job,
  onChange: (job: Job) => void,
  onGone: () => void,
): [Job, (job: Job) => void] {
  const [job, setJob] = useState(initial);
  const changed = useEffectEvent((next: Job) => {
    setJob(next);
    onChange(next);
  });
  const gone = useEffectEvent(() => onGone());

  useEffect(() => {
    if (!isActive(initial.status)) return;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      if (stopped) return;
      try {
        const next = await getJob(initial.id);
        if (stopped) return;
        changed(next);
        if (!isActive(next.status)) return;
      } catch (caught) {
        if (stopped) return;
        if (caught instanceof ApiError && (caught.status === 404 || caught.status === 401)) {
          if (caught.status === 404) gone();
          return;
        }
        // A network hiccup: try again at the next tick.
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };

    if (typeof EventSource === 'undefined') {
      void poll();
    } else {
      const events = new EventSource(jobEventsUrl(initial.id));
      source = events;
      events.addEventListener('progress', (event) => {
        const next = parseEvent(event.data);
        if (isJob(next)) changed(next);
      });
      events.addEventListener('end', (event) => {
        events.close();
        source = null;
        const last = parseEvent(event.data);
        if (isJob(last)) changed(last);
        else gone();
      });
      events.addEventListener('error', () => {
        // EventSource would reconnect on its own; polling is surer behind a proxy that cuts streams.
        events.close();
        source = null;
        void poll();
      });
    }
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [initial.id, initial.status]);

  return [
    job,
    (next: Job) => {
      setJob(next);
      onChange(next);
    },
  ];
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" fw={600} component="dd" m={0}>
        {value}
      </Text>
    </div>
  );
}

/** The job just started: live progress, cancel while it runs, downloads once it has ended. */
export function CurrentJob({
  initial,
  onChange,
  onGone,
}: {
  initial: Job;
  onChange: (job: Job) => void;
  onGone: () => void;
}) {
  const [job, setJob] = useLiveJob(initial, onChange, onGone);
  const guard = useSessionGuard();
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const active = isActive(job.status);
  const percent = Math.round(job.progress * 100);
  const total = job.total_rows;

  const onCancel = async () => {
    setCancelling(true);
    setError(null);
    try {
      setJob(await cancelJob(job.id));
    } catch (caught) {
      setError(guard(caught));
    } finally {
      setCancelling(false);
    }
  };

  return (
    <Paper withBorder p="lg" role="region" aria-label="Current job" aria-busy={active}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <div>
            <Text fw={600}>{job.file.name}</Text>
            <Text size="sm" c="dimmed">
              {TOOL_LABELS[job.tool]} · {job.file.format.toUpperCase()} · {formatBytes(job.file.bytes)}
            </Text>
          </div>
          <JobStatusBadge status={job.status} />
        </Group>

        <Progress.Root size={24}>
          <Progress.Section
            value={percent}
            color={job.status === 'failed' ? 'red' : job.status === 'cancelled' ? 'orange' : undefined}
            animated={job.status === 'running'}
            striped={job.status === 'running'}
            aria-label="Job progress"
          >
            {percent >= 8 && <Progress.Label>{percent}%</Progress.Label>}
          </Progress.Section>
        </Progress.Root>
        <Text size="sm" aria-live="polite" data-testid="job-summary">
          {percent}% · {job.rows_done.toLocaleString()} of {total === null ? '…' : total.toLocaleString()}{' '}
          rows
          {job.status === 'queued' && ' · waiting for a worker'}
        </Text>

        <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0} spacing="sm">
          <Figure
            label="Rows done"
            value={`${job.rows_done.toLocaleString()} / ${total === null ? '…' : total.toLocaleString()}`}
          />
          <Figure label="Failed rows" value={job.rows_failed.toLocaleString()} />
          <Figure
            label="Speed"
            value={job.rows_per_second === null ? '—' : `${job.rows_per_second.toLocaleString()} rows/s`}
          />
          <Figure
            label={active ? 'Time left' : 'Took'}
            value={
              active
                ? job.eta_seconds === null
                  ? '—'
                  : formatDuration(job.eta_seconds)
                : job.started_at !== null && job.finished_at !== null
                  ? formatDuration((Date.parse(job.finished_at) - Date.parse(job.started_at)) / 1000)
                  : '—'
            }
          />
        </SimpleGrid>

        {job.error !== null && (
          <Text size="sm" c="red" role="alert">
            {job.error}
          </Text>
        )}
        {!active && job.rows_failed > 0 && (
          <Text size="sm" c="dimmed">
            {job.rows_failed.toLocaleString()} row{job.rows_failed === 1 ? '' : 's'} could not be analysed:
            their <code>error.code</code> and <code>error.message</code> columns say why.
          </Text>
        )}
        {error !== null && <ApiErrorAlert error={error} />}

        <Group gap="sm">
          {active ? (
            <Button color="red" variant="light" loading={cancelling} onClick={() => void onCancel()}>
              Cancel
            </Button>
          ) : (
            <>
              <Button component="a" href={jobResultUrl(job.id, 'csv')} download>
                Download CSV
              </Button>
              <Button component="a" href={jobResultUrl(job.id, 'jsonl')} download variant="default">
                Download JSONL
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
