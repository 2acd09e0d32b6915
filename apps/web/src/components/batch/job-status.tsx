import { Badge } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { JobStatus, ToolName } from '../../api/jobs.ts';

export const TOOL_LABELS: Record<ToolName, string> = {
  sentiment: 'Sentiment',
  summarize: 'Summarize',
  'fake-news': 'Fake news',
  'job-match': 'Job match',
};

const STATUS: Record<JobStatus, { label: string; color: MantineColor }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  done: { label: 'Done', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'orange' },
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { label, color } = STATUS[status];
  return (
    <Badge color={color} variant="light" data-status={status} style={{ minWidth: 'max-content' }}>
      {label}
    </Badge>
  );
}
