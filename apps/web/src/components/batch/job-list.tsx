import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { deleteJob, isActive, jobResultUrl } from '../../api/jobs.ts';
import type { Job } from '../../api/jobs.ts';
import { useConfirmedAction } from '../../hooks/use-confirmed-action.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { DataTable } from '../data-table.tsx';
import { formatDateTime } from '../when.ts';
import { JobStatusBadge, TOOL_LABELS } from './job-status.tsx';

/** The downloads of a finished job's results. */
const RESULT_FORMATS = ['csv', 'jsonl'] as const;

function rowsText(job: Job): string {
  const total = job.total_rows === null ? '…' : job.total_rows.toLocaleString();
  return `${job.rows_done.toLocaleString()} / ${total}`;
}

/** The user's jobs, newest first: status, rows, downloads, delete (with a confirmation). */
export function JobList({
  jobs,
  total,
  onDeleted,
  onMore,
}: {
  jobs: readonly Job[];
  total: number;
  onDeleted: (id: string) => void;
  onMore: (() => void) | undefined;
}) {
  const guard = useSessionGuard();
  const remove = useConfirmedAction(async (job: Job) => {
    await deleteJob(job.id);
    onDeleted(job.id);
  }, guard);

  if (jobs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No jobs yet. Jobs and their results are kept for a few days after they end.
      </Text>
    );
  }

  return (
    <Stack gap="sm">
      <DataTable
        label="Your jobs"
        columns={[
          'File',
          'Tool',
          'Status',
          'Rows',
          'Failed',
          'Created',
          <span className="visually-hidden" key="actions">
            Actions
          </span>,
        ]}
        minWidth={760}
      >
        {jobs.map((job) => (
          <Table.Tr key={job.id}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{job.file.name}</Table.Td>
            <Table.Td>{TOOL_LABELS[job.tool]}</Table.Td>
            <Table.Td>
              <JobStatusBadge status={job.status} />
            </Table.Td>
            <Table.Td>{rowsText(job)}</Table.Td>
            <Table.Td>{job.rows_failed.toLocaleString()}</Table.Td>
            <Table.Td>{formatDateTime(job.created_at)}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap" justify="flex-end">
                {!isActive(job.status) &&
                  RESULT_FORMATS.map((format) => (
                    <Button
                      key={format}
                      component="a"
                      href={jobResultUrl(job.id, format)}
                      download
                      size="compact-sm"
                      variant="default"
                      aria-label={`Download ${format.toUpperCase()}: ${job.file.name}`}
                    >
                      {format.toUpperCase()}
                    </Button>
                  ))}
                <Button
                  size="compact-sm"
                  color="red"
                  variant="light"
                  aria-label={`Delete job: ${job.file.name}`}
                  onClick={() => remove.ask(job)}
                >
                  Delete
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Showing {jobs.length} of {total}.
        </Text>
        {onMore !== undefined && (
          <Button variant="subtle" size="compact-sm" onClick={onMore}>
            Show more jobs
          </Button>
        )}
      </Group>

      <ConfirmDialog action={remove} title="Delete this job?" confirmLabel="Delete job">
        {(job) => (
          <Text size="sm">
            The job for “{job.file.name}” and its results are deleted
            {isActive(job.status) ? '; it stops running' : ''}. This cannot be undone.
          </Text>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
