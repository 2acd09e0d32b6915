import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import type { ApiError } from '../api/client.ts';
import { listJobs, startJob } from '../api/jobs.ts';
import type { Job, JobFields, ToolName } from '../api/jobs.ts';
import { ColumnField } from '../components/batch/column-field.tsx';
import { CurrentJob } from '../components/batch/current-job.tsx';
import { FilePreviewTable } from '../components/batch/file-preview-table.tsx';
import { ACCEPTED_FILES, previewFile } from '../components/batch/file-preview.ts';
import type { FilePreview } from '../components/batch/file-preview.ts';
import { JobList } from '../components/batch/job-list.tsx';
import { TOOL_LABELS } from '../components/batch/job-status.tsx';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { InfoIcon } from '../components/icons.tsx';
import { RequireLogin } from '../components/require-login.tsx';
import { ToolHeader } from '../components/tool-parts.tsx';
import { uploadProblem } from '../components/upload-limit.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useSessionGuard } from '../hooks/use-session-guard.ts';
import { useServerConfig, useUploadLimit } from '../server-config/server-config-context.ts';

const PAGE = 20;

const TOOLS: readonly ToolName[] = ['sentiment', 'summarize', 'fake-news', 'job-match'];
const isTool = (value: string): value is ToolName => (TOOLS as readonly string[]).includes(value);

type JobMode = 'column' | 'one';

/** The first of the likely names the header has, else its first column (or '' with no header). */
function guess(columns: readonly string[], likely: readonly string[], fallback = true): string {
  const lower = columns.map((name) => name.toLowerCase());
  for (const name of likely) {
    const index = lower.indexOf(name);
    if (index >= 0) return columns[index] ?? '';
  }
  return fallback ? (columns.find((name) => name !== '') ?? '') : '';
}

const TEXT_NAMES = ['text', 'review', 'content', 'body', 'comment', 'message', 'article', 'description'];

function limitFrom(error: ApiError): number | undefined {
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'limit_mb' in details) {
    const limit = (details as { limit_mb: unknown }).limit_mb;
    if (typeof limit === 'number' && limit > 0) return limit;
  }
  return undefined;
}

function BatchForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const guard = useSessionGuard();
  const fileId = useId();
  // The server's MAX_UPLOAD_MB (GET /config); a 413 that names another limit (the setting changed
  // since the page loaded) wins.
  const serverLimit = useUploadLimit();
  const [refusedAtMb, setRefusedAtMb] = useState<number | null>(null);
  const limitMb = refusedAtMb ?? serverLimit.mb;
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [tool, setTool] = useState<ToolName>('sentiment');
  const [column, setColumn] = useState('');
  const [titleColumn, setTitleColumn] = useState('');
  const [resumeColumn, setResumeColumn] = useState('');
  const [jobColumn, setJobColumn] = useState('');
  const [jobMode, setJobMode] = useState<JobMode>('column');
  const [jobDescription, setJobDescription] = useState('');
  const [sentences, setSentences] = useState<string | number>('');
  const [explain, setExplain] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const columns = preview?.columns ?? [];

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0] ?? null;
    setFile(chosen);
    setPreview(null);
    setProblem(null);
    setError(null);
    if (chosen === null) return;
    try {
      const read = await previewFile(chosen);
      setPreview(read);
      const names = read.columns;
      setColumn(guess(names, TEXT_NAMES, names.length > 0));
      setTitleColumn(guess(names, ['title', 'headline'], false));
      setResumeColumn(guess(names, ['resume', 'cv', 'résumé'], names.length > 0));
      setJobColumn(guess(names, ['job_description', 'job', 'description'], false));
    } catch {
      setProblem('The file could not be read in the browser; the server will still check it.');
    }
  };

  const fields = (): JobFields | string => {
    const base: JobFields = { tool };
    if (tool === 'job-match') {
      base.resume_column = resumeColumn.trim();
      if (jobMode === 'one') {
        if (jobDescription.trim() === '') return 'Enter the job description to rank the résumés against.';
        base.job_description = jobDescription;
      } else {
        base.job_column = jobColumn.trim();
      }
      return base;
    }
    base.column = column.trim();
    if (tool === 'fake-news' || tool === 'summarize') base.title_column = titleColumn.trim();
    if (tool === 'summarize' && typeof sentences === 'number') base.sentences = sentences;
    if ((tool === 'sentiment' || tool === 'fake-news') && explain) base.explain = true;
    return base;
  };

  const tooBig = uploadProblem(file, { mb: limitMb, bytes: limitMb * 1024 * 1024 });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (file === null) {
      setProblem('Choose a file to upload.');
      return;
    }
    // Said under the file field already: the server would refuse it (413) after the whole upload.
    if (tooBig !== null) return;
    const chosen = fields();
    if (typeof chosen === 'string') {
      setProblem(chosen);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      onStarted(await startJob(file, chosen));
    } catch (caught) {
      const apiError = guard(caught);
      if (apiError.status === 413) setRefusedAtMb((current) => limitFrom(apiError) ?? current);
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg">
      <form onSubmit={(event) => void onSubmit(event)} aria-label="New job">
        <Stack gap="md">
          <Input.Wrapper
            label="File"
            id={fileId}
            description={`CSV, TSV, JSON Lines (.jsonl) or Excel (.xlsx), up to ${limitMb} MB; the first row (or the first object's keys) names the columns.`}
            error={tooBig}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          >
            <Input
              component="input"
              type="file"
              id={fileId}
              accept={ACCEPTED_FILES}
              onChange={(event: ChangeEvent<HTMLInputElement>) => void onFile(event)}
              styles={{ input: { paddingTop: 5, cursor: 'pointer' } }}
            />
          </Input.Wrapper>

          {file !== null && preview !== null && <FilePreviewTable file={file} preview={preview} />}

          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NativeSelect
              label="Tool"
              value={tool}
              data={TOOLS.map((name) => ({ value: name, label: TOOL_LABELS[name] }))}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isTool(value)) setTool(value);
              }}
            />
            {tool !== 'job-match' && (
              <ColumnField
                label="Text column"
                description="The column with the text to analyse."
                placeholder="text"
                columns={columns}
                value={column}
                onChange={setColumn}
              />
            )}
            {(tool === 'fake-news' || tool === 'summarize') && (
              <ColumnField
                label="Title column"
                description="Optional: a headline or title for each row."
                columns={columns}
                value={titleColumn}
                onChange={setTitleColumn}
                optional
              />
            )}
            {tool === 'summarize' && (
              <NumberInput
                label="Sentences"
                description="How many sentences each summary keeps (empty: the server's default)."
                min={1}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
                value={sentences}
                onChange={setSentences}
              />
            )}
            {tool === 'job-match' && (
              <ColumnField
                label="Resume column"
                description="The column with each résumé's text."
                placeholder="resume"
                columns={columns}
                value={resumeColumn}
                onChange={setResumeColumn}
              />
            )}
          </SimpleGrid>

          {tool === 'job-match' && (
            <Stack gap="sm">
              <Radio.Group
                label="Compare each résumé with"
                value={jobMode}
                onChange={(value) => setJobMode(value === 'one' ? 'one' : 'column')}
              >
                <Group gap="lg" mt={6}>
                  <Radio value="column" label="Its row's job description (a column)" />
                  <Radio value="one" label="One job description, ranking all résumés" />
                </Group>
              </Radio.Group>
              {jobMode === 'column' ? (
                <ColumnField
                  label="Job description column"
                  placeholder="job_description"
                  columns={columns}
                  value={jobColumn}
                  onChange={setJobColumn}
                />
              ) : (
                <Textarea
                  label="Job description"
                  description="Every résumé is scored against it; the results get a rank (1 = best match)."
                  autosize
                  minRows={4}
                  maxRows={12}
                  value={jobDescription}
                  onChange={(event) => setJobDescription(event.currentTarget.value)}
                />
              )}
            </Stack>
          )}

          {(tool === 'sentiment' || tool === 'fake-news') && (
            <Checkbox
              label="Add the explanations (the words that weighed most) to the results"
              checked={explain}
              onChange={(event) => setExplain(event.currentTarget.checked)}
            />
          )}

          {problem !== null && (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          )}
          {error !== null && <ApiErrorAlert error={error} />}
          <Group>
            <Button type="submit" loading={busy}>
              Start
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Batch() {
  const guard = useSessionGuard();
  const [current, setCurrent] = useState<Job | null>(null);
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const [listError, setListError] = useState<ApiError | null>(null);

  // Bumped to list the jobs again (a job started, ended or was deleted).
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((n) => n + 1);

  useEffect(() => {
    let cancelled = false;
    listJobs(limit).then(
      (page) => {
        if (cancelled) return;
        setJobs(page.data);
        setTotal(page.pagination.total);
        setListError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setListError(guard(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [guard, limit, version]);

  const onChange = (job: Job) => {
    setJobs((list) => list?.map((item) => (item.id === job.id ? job : item)) ?? list);
    if (job.status !== 'queued' && job.status !== 'running') reload();
  };

  return (
    <Stack gap="xl">
      <ToolHeader title="Batch">
        Run a tool on every row of a file: upload a CSV, TSV, JSON Lines or Excel file, pick the column, and
        download the results: your columns, then the tool&apos;s findings for each row.
      </ToolHeader>
      <BatchForm
        onStarted={(job) => {
          setCurrent(job);
          reload();
        }}
      />
      {current !== null && (
        <CurrentJob key={current.id} initial={current} onChange={onChange} onGone={() => setCurrent(null)} />
      )}
      <Stack component="section" gap="sm" aria-labelledby="jobs-heading">
        <Title order={2} size="h3" id="jobs-heading">
          Your jobs
        </Title>
        {listError !== null && <ApiErrorAlert error={listError} />}
        {jobs !== null && (
          <JobList
            jobs={jobs}
            total={total}
            onDeleted={(id) => {
              if (current?.id === id) setCurrent(null);
              reload();
            }}
            onMore={
              jobs.length < total && limit < 200 ? () => setLimit((n) => Math.min(200, n + PAGE)) : undefined
            }
          />
        )}
      </Stack>
    </Stack>
  );
}

/** Batch (logged in): a file of rows through one tool, with live progress and downloads. */
export default function BatchPage() {
  usePageTitle('Batch');
  const batchOn = useServerConfig()?.features.batch;
  return (
    <RequireLogin title="Batch" why="Log in to run a tool on a whole file and download the results.">
      {batchOn === false ? (
        <Stack gap="lg" maw={640}>
          <Title order={1}>Batch</Title>
          <Alert color="blue" variant="light" icon={<InfoIcon />} title="Not available here">
            Batch processing is turned off on this server. The tools still take one text at a time.
          </Alert>
        </Stack>
      ) : (
        <Batch />
      )}
    </RequireLogin>
  );
}
