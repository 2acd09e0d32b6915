import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { deleteJob, isActive, jobResultUrl } from '../../api/jobs.ts';
import type { Job } from '../../api/jobs.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { formatDateTime } from '../when.ts';
import { JobStatusBadge, TOOL_LABELS } from './job-status.tsx';

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
  const [target, setTarget] = useState<Job | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const close = () => {
    setTarget(null);
    setError(null);
  };

  const onDelete = async () => {
    if (target === null) return;
    setDeleting(true);
    setError(null);
    try {
      await deleteJob(target.id);
      onDeleted(target.id);
      setTarget(null);
    } catch (caught) {
      setError(guard(caught));
    } finally {
      setDeleting(false);
    }
  };

  if (jobs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No jobs yet. Jobs and their results are kept for a few days after they end.
      </Text>
    );
  }

  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing="xs" aria-label="Your jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Tool</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th>Failed</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
                    {!isActive(job.status) && (
                      <>
                        <Button
                          component="a"
                          href={jobResultUrl(job.id, 'csv')}
                          download
                          size="compact-sm"
                          variant="default"
                          aria-label={`Download CSV: ${job.file.name}`}
                        >
                          CSV
                        </Button>
                        <Button
                          component="a"
                          href={jobResultUrl(job.id, 'jsonl')}
                          download
                          size="compact-sm"
                          variant="default"
                          aria-label={`Download JSONL: ${job.file.name}`}
                        >
                          JSONL
                        </Button>
                      </>
                    )}
                    <Button
                      size="compact-sm"
                      color="red"
                      variant="light"
                      aria-label={`Delete job: ${job.file.name}`}
                      onClick={() => {
                        setError(null);
                        setTarget(job);
                      }}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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

      <Modal opened={target !== null} onClose={close} title="Delete this job?" centered>
        {target !== null && (
          <Stack gap="md">
            <Text size="sm">
              The job for “{target.file.name}” and its results are deleted
              {isActive(target.status) ? '; it stops running' : ''}. This cannot be undone.
            </Text>
            {error !== null && <ApiErrorAlert error={error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button color="red" loading={deleting} onClick={() => void onDelete()}>
                Delete job
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
