import { Alert, Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { MantineSpacing } from '@mantine/core';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { ApiError, RateLimit } from '../api/client.ts';
import type { ToolCall } from '../hooks/use-tool-call.ts';
import { useAuth } from '../auth/auth-context.ts';
import { useServerConfig } from '../server-config/server-config-context.ts';
import { ApiErrorAlert } from './api-error-alert.tsx';
import { InfoIcon } from './icons.tsx';
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

/** The "Text" field of a tool: Ctrl+Enter submits, the count and any error below the field. */
export function ToolTextarea({
  value,
  onChange,
  error,
  description,
  minRows,
  maxRows,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Shown below the field when set (e.g. when submitted empty). */
  error: string | undefined;
  description: string;
  minRows: number;
  maxRows: number;
}) {
  return (
    <Textarea
      label="Text"
      name="text"
      autosize
      minRows={minRows}
      maxRows={maxRows}
      value={value}
      error={error}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={submitOnCtrlEnter}
      description={`${description} · Ctrl+Enter to submit`}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}

/**
 * For a guest where the server takes no calls without an account (ENABLE_GUEST_ACCESS off): say
 * so before they type, instead of after (the call would be answered 401).
 */
function GuestsNotWelcome() {
  const { user, ready } = useAuth();
  const guestsWelcome = useServerConfig()?.features.guests;
  const { pathname, search } = useLocation();
  if (!ready || user !== null || guestsWelcome !== false) return null;
  return (
    <Alert color="blue" variant="light" icon={<InfoIcon />} title="Log in to use the tools">
      <Text size="sm">
        This server answers only logged-in users and API keys.{' '}
        {/* The alert's text colour, underlined: the primary colour on the light alert reads too faintly. */}
        <Anchor
          component={Link}
          to={`/login?next=${encodeURIComponent(pathname + search)}`}
          size="sm"
          c="inherit"
          underline="always"
        >
          Log in
        </Anchor>{' '}
        to analyse a text.
      </Text>
    </Alert>
  );
}

/**
 * A tool page: its header, anything to read first, the form (fields, then the submit button) and
 * the result of the last call. onSubmit runs with the form's default action prevented.
 */
export function ToolPage<Input, Result extends Meta>({
  title,
  intro,
  before,
  gap = 'md',
  submitLabel,
  tool,
  onSubmit,
  fields,
  renderResult,
}: {
  title: string;
  intro: ReactNode;
  before?: ReactNode;
  gap?: MantineSpacing;
  submitLabel: string;
  tool: ToolCall<Input, Result>;
  onSubmit: () => void;
  fields: ReactNode;
  renderResult: (input: Input, result: Result) => ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Stack gap="xl">
      <ToolHeader title={title}>{intro}</ToolHeader>
      <GuestsNotWelcome />
      {before}
      <form onSubmit={submit}>
        <Stack gap={gap}>
          {fields}
          <Group>
            <Button type="submit" loading={tool.loading}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
      <ResultArea
        error={tool.error}
        loading={tool.loading}
        meta={tool.result?.data}
        rateLimit={tool.rateLimit}
      >
        {tool.result !== null && renderResult(tool.result.input, tool.result.data)}
      </ResultArea>
    </Stack>
  );
}
