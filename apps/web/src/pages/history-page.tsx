import {
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  LoadingOverlay,
  Modal,
  NativeSelect,
  Pagination,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  deleteAllHistory,
  deleteHistoryEntry,
  getHistoryEntry,
  historyExportUrl,
  listHistory,
} from '../api/history.ts';
import type { HistoryEntry, ToolName } from '../api/history.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { CLOSE_BUTTON_PROPS, ConfirmDialog } from '../components/confirm-dialog.tsx';
import {
  SOURCE_LABELS,
  TOOL_LABELS,
  TOOL_ORDER,
  formatCount,
  formatLatency,
  formatTime,
  isToolName,
  localDayStart,
  toolLabel,
} from '../components/history-format.ts';
import { RequireLogin } from '../components/require-login.tsx';
import { ResultFields } from '../components/result-fields.tsx';
import { ToolHeader } from '../components/tool-parts.tsx';
import { useLoaded } from '../hooks/use-loaded.ts';
import { useConfirmedAction } from '../hooks/use-confirmed-action.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useSessionGuard } from '../hooks/use-session-guard.ts';

const PAGE_SIZE = 20;

const TOOL_OPTIONS = [
  { value: '', label: 'All tools' },
  ...TOOL_ORDER.map((tool) => ({ value: tool, label: TOOL_LABELS[tool] })),
];

function ItemsCell({ entry }: { entry: HistoryEntry }) {
  return (
    <>
      {formatCount(entry.items)}
      {entry.failed > 0 && (
        <Text span size="sm" c="red">
          {' '}
          ({formatCount(entry.failed)} failed)
        </Text>
      )}
    </>
  );
}

function EntryDetails({ id }: { id: string }) {
  const { data, error, loading } = useLoaded(id, () => getHistoryEntry(id));
  if (error !== null) return <ApiErrorAlert error={error} />;
  if (loading || data === null) {
    return (
      <Center py="lg">
        <Loader role="status" aria-label="Loading the entry" />
      </Center>
    );
  }
  const fields: [string, string][] = [
    ['Time', formatTime(data.created_at, true)],
    ['Tool', toolLabel(data.tool)],
    ['Source', SOURCE_LABELS[data.source] ?? data.source],
    ['Label', data.label ?? '–'],
    ['Model', data.model === null ? '–' : `${data.model.name} ${data.model.version}`],
    ['Items', formatCount(data.items)],
    ['Failed', formatCount(data.failed)],
    ['Latency', formatLatency(data.latency_ms)],
  ];
  return (
    <Stack gap="md" data-testid="history-entry">
      <Table variant="vertical" withTableBorder layout="fixed" fz="sm" verticalSpacing={6}>
        <Table.Tbody>
          {fields.map(([name, value]) => (
            <Table.Tr key={name}>
              <Table.Th scope="row" w={200}>
                {name}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <section aria-labelledby="entry-input-heading">
        <Title order={3} size="h5" id="entry-input-heading" mb={4}>
          Input
        </Title>
        {data.input_excerpt === null ? (
          <Text size="sm" c="dimmed">
            Not stored (guest call, a batch, or storing inputs is turned off in your settings).
          </Text>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {data.input_excerpt}
          </Text>
        )}
      </section>
      <section aria-labelledby="entry-result-heading">
        <Title order={3} size="h5" id="entry-result-heading" mb={4}>
          Result
        </Title>
        {data.result === null || data.result === undefined ? (
          <Text size="sm" c="dimmed">
            No result stored for this call.
          </Text>
        ) : (
          <ResultFields value={data.result} />
        )}
      </section>
    </Stack>
  );
}

function HistoryBrowser({ userId }: { userId: string }) {
  const [tool, setTool] = useState<ToolName | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [viewing, setViewing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  const badRange = from !== '' && to !== '' && from > to;
  const fromIso = from === '' ? undefined : localDayStart(from);
  const toIso = to === '' ? undefined : localDayStart(to, true);
  const filtered = tool !== '' || from !== '' || to !== '' || q !== '';

  const query = {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    tool: tool === '' ? undefined : tool,
    from: fromIso,
    to: toIso,
    q: q === '' ? undefined : q,
  };
  const key = badRange ? null : JSON.stringify({ userId, reload, ...query });
  const list = useLoaded(key, () => listHistory(query));

  const total = list.data?.pagination.total ?? 0;
  const rows = list.data?.data ?? [];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // From the answer shown (the next page may still be on its way).
  const shownOffset = list.data?.pagination.offset ?? 0;
  const first = rows.length === 0 ? 0 : shownOffset + 1;
  const last = shownOffset + rows.length;

  const filterChanged = (apply: () => void) => {
    apply();
    setPage(1);
    setNotice('');
  };

  const clearFilters = () =>
    filterChanged(() => {
      setTool('');
      setFrom('');
      setTo('');
      setSearch('');
    });

  const afterDelete = (message: string) => {
    setNotice(message);
    setReload((n) => n + 1);
    // The button that opened the dialog is gone: focus goes back to the list's heading.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  // A 401 shows the page's log-in prompt instead (the session is gone).
  const guard = useSessionGuard();
  const removeEntry = useConfirmedAction(async (entry: HistoryEntry) => {
    await deleteHistoryEntry(entry.id);
    if (rows.length === 1 && page > 1) setPage(page - 1);
    afterDelete('The entry was deleted.');
  }, guard);
  const removeAll = useConfirmedAction<'all'>(async () => {
    const { data } = await deleteAllHistory();
    setPage(1);
    afterDelete(`${formatCount(data.deleted)} ${data.deleted === 1 ? 'entry was' : 'entries were'} deleted.`);
  }, guard);

  return (
    <Stack gap="lg">
      <Group gap="sm" justify="space-between" align="flex-end">
        <Group gap="xs">
          <Button component="a" href={historyExportUrl('csv')} download variant="default">
            Export CSV
          </Button>
          <Button component="a" href={historyExportUrl('json')} download variant="default">
            Export JSON
          </Button>
        </Group>
        <Button
          color="red"
          variant="light"
          onClick={() => removeAll.ask('all')}
          disabled={list.data !== null && total === 0 && !filtered}
        >
          Delete all
        </Button>
      </Group>

      <Paper
        withBorder
        p="md"
        component="form"
        role="search"
        aria-label="Filter history"
        onSubmit={(e) => e.preventDefault()}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label="Tool"
            data={TOOL_OPTIONS}
            value={tool}
            onChange={(event) => {
              const value = event.currentTarget.value;
              filterChanged(() => setTool(isToolName(value) ? value : ''));
            }}
          />
          <TextInput
            type="date"
            label="From"
            value={from}
            onChange={(event) => {
              const value = event.currentTarget.value;
              filterChanged(() => setFrom(value));
            }}
          />
          <TextInput
            type="date"
            label="To"
            value={to}
            error={badRange ? 'The end date is before the start date.' : undefined}
            onChange={(event) => {
              const value = event.currentTarget.value;
              filterChanged(() => setTo(value));
            }}
          />
          <TextInput
            type="search"
            label="Search"
            description="Text in the kept start of each input"
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            maxLength={200}
            value={search}
            onChange={(event) => {
              const value = event.currentTarget.value;
              filterChanged(() => setSearch(value));
            }}
          />
        </SimpleGrid>
        {filtered && (
          <Group mt="sm">
            <Button variant="subtle" size="compact-sm" onClick={clearFilters}>
              Clear filters
            </Button>
          </Group>
        )}
      </Paper>

      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4" id="calls-heading" ref={headingRef} tabIndex={-1}>
            Calls
          </Title>
          <Text size="sm" c="dimmed" role="status" data-testid="history-count">
            {list.data === null
              ? ''
              : total === 0
                ? filtered
                  ? 'No calls match these filters.'
                  : ''
                : rows.length === 0
                  ? `No calls on this page (${formatCount(total)} in all).`
                  : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} ${total === 1 ? 'call' : 'calls'}`}
            {notice !== '' && ` · ${notice}`}
          </Text>
        </Group>

        {list.error !== null && <ApiErrorAlert error={list.error} />}

        {list.data === null && list.error === null && !badRange && (
          <Center py="xl">
            <Loader role="status" aria-label="Loading history" />
          </Center>
        )}

        {list.data !== null && total === 0 && !filtered && (
          <Paper withBorder p="lg">
            <Text>
              No tool calls yet. Every call you make while logged in — <Link to="/sentiment">Sentiment</Link>,{' '}
              <Link to="/summarize">Summarize</Link>, <Link to="/fake-news">Fake news</Link>,{' '}
              <Link to="/job-match">Job match</Link>, from the API or in batches — shows up here.
            </Text>
          </Paper>
        )}

        {rows.length > 0 && (
          <Box pos="relative">
            <LoadingOverlay visible={list.loading} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            <Table.ScrollContainer minWidth={960} type="native">
              <Table striped highlightOnHover aria-labelledby="calls-heading" aria-busy={list.loading}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Time</Table.Th>
                    <Table.Th scope="col">Tool</Table.Th>
                    <Table.Th scope="col">Source</Table.Th>
                    <Table.Th scope="col">Label</Table.Th>
                    <Table.Th scope="col">Items</Table.Th>
                    <Table.Th scope="col">Latency</Table.Th>
                    <Table.Th scope="col">Input</Table.Th>
                    <Table.Th scope="col">Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((entry) => (
                    <Table.Tr key={entry.id} data-entry-id={entry.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <time dateTime={entry.created_at} id={`entry-${entry.id}-time`}>
                          {formatTime(entry.created_at)}
                        </time>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{toolLabel(entry.tool)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color="gray" radius="sm">
                          {SOURCE_LABELS[entry.source] ?? entry.source}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{entry.label ?? '–'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <ItemsCell entry={entry} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatLatency(entry.latency_ms)}</Table.Td>
                      <Table.Td maw={320}>
                        {entry.input_excerpt === null ? (
                          <Text span size="sm" c="dimmed">
                            not stored
                          </Text>
                        ) : (
                          <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                            {entry.input_excerpt}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-describedby={`entry-${entry.id}-time`}
                            onClick={() => setViewing(entry.id)}
                          >
                            View
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            aria-describedby={`entry-${entry.id}-time`}
                            onClick={() => removeEntry.ask(entry)}
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
          </Box>
        )}

        {(pages > 1 || page > 1) && (
          <Box component="nav" aria-label="History pages" mt="sm">
            <Pagination
              // A page past the end (entries deleted elsewhere) stays reachable, to leave it.
              total={Math.max(pages, page)}
              value={page}
              onChange={setPage}
              getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
              getControlProps={(control) => ({
                'aria-label':
                  control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control,
              })}
            />
          </Box>
        )}
      </Stack>

      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title="History entry"
        size="xl"
        closeButtonProps={CLOSE_BUTTON_PROPS}
      >
        {viewing !== null && <EntryDetails id={viewing} />}
      </Modal>

      <ConfirmDialog action={removeEntry} title="Delete this entry?" confirmLabel="Delete">
        {(entry) => (
          <Text size="sm">
            The {toolLabel(entry.tool)} call of {formatTime(entry.created_at)} will be removed from your
            history and analytics. This cannot be undone.
          </Text>
        )}
      </ConfirmDialog>

      <ConfirmDialog action={removeAll} title="Delete all your history?" confirmLabel="Delete all">
        {() => (
          <Text size="sm">
            Every call in your history{filtered ? ' (not only those the filters show)' : ''} will be deleted,
            and your analytics start again from zero. This cannot be undone. Export it first to keep a copy.
          </Text>
        )}
      </ConfirmDialog>
    </Stack>
  );
}

const LOGIN_WHY =
  'Log in to see your history. Your tool calls are kept in your history only when you are logged in.';

/** History: the user's tool calls, filtered and paged; view, delete, export. */
export default function HistoryPage() {
  usePageTitle('History');
  return (
    <Stack gap="xl">
      <ToolHeader title="History">
        Every tool call you made while logged in — in the studio, through the API, in batches or file jobs —
        with its result. Filter, look one up, export it, or delete what you no longer want kept.
      </ToolHeader>
      <RequireLogin why={LOGIN_WHY}>{(user) => <HistoryBrowser userId={user.id} />}</RequireLogin>
    </Stack>
  );
}
