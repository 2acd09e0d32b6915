import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import type { ApiError, RateLimit } from '../api/client.ts';
import { ApiErrorAlert } from './api-error-alert.tsx';
import { ResultFooter, ResultWarnings } from './result-meta.tsx';

export function ToolHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={1}>{title}</Title>
      <Text c="dimmed" maw={760}>
        {children}
      </Text>
    </Stack>
  );
}

export interface Example<T> {
  /** The button's name; never the name of the form's submit button. */
  name: string;
  value: T;
}

/** Buttons that fill the form with a sample input. */
export function ExampleButtons<T>({
  examples,
  onPick,
}: {
  examples: readonly Example<T>[];
  onPick: (value: T) => void;
}) {
  return (
    <Group gap="xs" role="group" aria-label="Examples">
      <Text size="sm" c="dimmed" component="span">
        Try an example:
      </Text>
      {examples.map((example) => (
        <Button key={example.name} size="compact-sm" variant="default" onClick={() => onPick(example.value)}>
          {example.name}
        </Button>
      ))}
    </Group>
  );
}

/** Ctrl+Enter (⌘+Enter on a Mac) in a text field submits its form. */
export function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

interface Meta {
  model: { name: string; version: string };
  warnings: { code: string; message: string }[];
  processing_time_ms: number;
}

/**
 * The error of the last call, or its result in a region named "Result" (landmark for screen
 * readers; aria-busy while a new result is on its way).
 */
export function ResultArea({
  error,
  loading,
  meta,
  rateLimit,
  children,
}: {
  error: ApiError | null;
  loading: boolean;
  meta: Meta | undefined;
  rateLimit: RateLimit | undefined;
  children: ReactNode;
}) {
  return (
    <>
      {error !== null && <ApiErrorAlert error={error} />}
      {meta !== undefined && (
        <Paper withBorder p="lg" role="region" aria-label="Result" aria-busy={loading} className="result">
          <Stack gap="lg">
            <ResultWarnings warnings={meta.warnings} />
            {children}
            <ResultFooter meta={meta} rateLimit={rateLimit} />
          </Stack>
        </Paper>
      )}
    </>
  );
}
