import { Paper, Stack, Table, Text } from '@mantine/core';
import { formatBytes } from '../when.ts';
import { DELIMITER_NAMES } from './file-preview.ts';
import type { FilePreview } from './file-preview.ts';

const CELL_CHARS = 120;

const clip = (text: string) => (text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS - 1)}…` : text);

function describe(preview: FilePreview): string {
  switch (preview.kind) {
    case 'csv':
      return `CSV, ${DELIMITER_NAMES[preview.delimiter ?? ','] ?? 'comma'}-separated`;
    case 'tsv':
      return 'TSV, tab-separated';
    case 'jsonl':
      return 'JSON Lines';
    case 'xlsx':
      return 'Excel workbook';
  }
}

/** The file's header and first rows, as read in the browser before the upload. */
export function FilePreviewTable({ file, preview }: { file: File; preview: FilePreview }) {
  const heading = `${file.name} · ${describe(preview)} · ${formatBytes(file.size)}`;
  return (
    <Paper withBorder p="md" role="region" aria-label="File preview">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {heading}
        </Text>
        {preview.kind === 'xlsx' ? (
          <Text size="sm" c="dimmed">
            The server reads the workbook’s first visible sheet; its first row names the columns. Type the
            column names below: the server says which columns exist if one is wrong.
          </Text>
        ) : preview.columns.length === 0 ? (
          <Text size="sm" c="red">
            No header found in the start of the file: the first row (or the first JSON object) must name the
            columns.
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {preview.columns.length} column{preview.columns.length === 1 ? '' : 's'}; the first{' '}
              {preview.rows.length === 1 ? 'row' : `${preview.rows.length} rows`}:
            </Text>
            <Table.ScrollContainer minWidth={Math.min(1200, preview.columns.length * 160)}>
              <Table withTableBorder withColumnBorders verticalSpacing={4} fz="xs" aria-label="First rows">
                <Table.Thead>
                  <Table.Tr>
                    {preview.columns.map((name, index) => (
                      <Table.Th key={`${index}:${name}`}>
                        {name === '' ? `(column ${index + 1})` : name}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((row, rowIndex) => (
                    <Table.Tr key={rowIndex}>
                      {preview.columns.map((_, index) => (
                        <Table.Td key={index} style={{ overflowWrap: 'anywhere', verticalAlign: 'top' }}>
                          {clip(row[index] ?? '')}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
