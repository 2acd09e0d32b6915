import { List, Table, Text } from '@mantine/core';
import { humanizeKey } from './history-format.ts';

/**
 * A stored result (any JSON) as readable fields: objects as two-column tables (name, value),
 * lists of objects as tables with a column per field, lists of plain values as a comma-separated
 * line. Everything is rendered as React text: nothing the user typed is ever parsed as HTML.
 */
const MAX_DEPTH = 4;

/** Long texts wrap, and keep the user's line breaks. */
const TEXT_STYLE = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlain(value: unknown): value is string | number | boolean | null | undefined {
  return value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value);
}

function formatNumber(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString()
    : value.toLocaleString(undefined, { maximumFractionDigits: 3 });
}

function plainText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

function FieldValue({ value, depth }: { value: unknown; depth: number }) {
  if (isPlain(value)) {
    return (
      <Text span size="sm" style={TEXT_STYLE}>
        {plainText(value)}
      </Text>
    );
  }
  if (depth >= MAX_DEPTH) {
    return (
      <Text span size="sm" ff="monospace" style={TEXT_STYLE}>
        {JSON.stringify(value)}
      </Text>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return (
        <Text span size="sm" c="dimmed">
          none
        </Text>
      );
    }
    if (value.every(isPlain)) {
      return (
        <Text span size="sm" style={TEXT_STYLE}>
          {value.map((item) => plainText(item)).join(', ')}
        </Text>
      );
    }
    if (value.every(isRecord)) return <RecordList items={value} depth={depth + 1} />;
    return (
      <List size="sm" spacing={2}>
        {value.map((item, index) => (
          <List.Item key={index}>
            <FieldValue value={item} depth={depth + 1} />
          </List.Item>
        ))}
      </List>
    );
  }
  if (isRecord(value)) return <ResultFields value={value} depth={depth + 1} />;
  return null;
}

/** A list of objects: one row each, one column per field (the union of their fields). */
function RecordList({ items, depth }: { items: Record<string, unknown>[]; depth: number }) {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  return (
    <Table.ScrollContainer minWidth={columns.length * 110} type="native">
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column} scope="col">
                {humanizeKey(column)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item, index) => (
            <Table.Tr key={index}>
              {columns.map((column) => (
                <Table.Td key={column}>
                  <FieldValue value={item[column]} depth={depth} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** An object's fields as a two-column table (a row header each). */
export function ResultFields({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (!isRecord(value)) return <FieldValue value={value} depth={depth} />;
  const entries = Object.entries(value);
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No fields.
      </Text>
    );
  }
  return (
    <Table variant="vertical" withTableBorder layout="fixed" fz="sm" verticalSpacing={6}>
      <Table.Tbody>
        {entries.map(([key, field]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" w={depth === 0 ? 200 : 150} style={{ verticalAlign: 'top' }}>
              {humanizeKey(key)}
            </Table.Th>
            <Table.Td>
              <FieldValue value={field} depth={depth} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
