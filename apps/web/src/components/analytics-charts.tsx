import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Datum } from './usage-format.ts';

/**
 * Charts of the analytics page (recharts, loaded with that page only). Colours are Mantine's CSS
 * variables, so they follow the light/dark scheme. Each chart is a region named by its heading,
 * whose drawing is one image (role="img") with a summary as its name, followed by the same
 * numbers as a visually hidden table for screen readers.
 */

const AXIS = 'var(--mantine-color-default-border)';
const TICK = { fill: 'var(--mantine-color-dimmed)', fontSize: 12 };
const TOOLTIP = {
  contentStyle: {
    backgroundColor: 'var(--mantine-color-body)',
    border: '1px solid var(--mantine-color-default-border)',
    borderRadius: 'var(--mantine-radius-sm)',
    color: 'var(--mantine-color-text)',
    fontSize: 'var(--mantine-font-size-sm)',
  },
  itemStyle: { color: 'var(--mantine-color-text)' },
  labelStyle: { color: 'var(--mantine-color-text)', fontWeight: 600 },
  cursor: { fill: 'var(--mantine-color-default-hover)' },
};

export function colorVar(color: string | undefined): string {
  return color === undefined ? 'var(--mantine-primary-color-filled)' : `var(--mantine-color-${color}-filled)`;
}

/**
 * A section with a heading, the chart as one image, and its numbers as a table. `level` is the
 * heading's rank: 2 on the analytics page, 4 inside the admin page's system health (an h2 and h3).
 */
export function ChartSection({
  id,
  title,
  description,
  summary,
  height,
  chart,
  table,
  level = 2,
}: {
  id: string;
  title: string;
  description?: string;
  summary: string;
  height: number;
  chart: ReactNode;
  table: ReactNode;
  level?: 2 | 4;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-heading`} data-chart={id}>
      <Stack gap="xs">
        <div>
          <Title order={level} size={level === 2 ? 'h4' : 'h5'} id={`${id}-heading`}>
            {title}
          </Title>
          {description !== undefined && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <div role="img" aria-label={summary} style={{ width: '100%', height }}>
          {chart}
        </div>
        <div className="visually-hidden">{table}</div>
      </Stack>
    </Paper>
  );
}

/** The numbers behind a chart: a row per name (its header cell), then its values. */
export function NumbersTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly [string, ...string[]])[];
}) {
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column} scope="col">
              {column}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([name, ...values]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row">{name}</Table.Th>
            {values.map((value, index) => (
              <Table.Td key={columns[index + 1] ?? index}>{value}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const CHART_STYLE = { width: '100%', height: '100%' };

/** Bars, one per datum: upright (names below), or lying (names on the left) for long names. */
export function SimpleBarChart({
  data,
  seriesName,
  format,
  horizontal = false,
}: {
  data: readonly Datum[];
  seriesName: string;
  format: (value: number) => string;
  horizontal?: boolean;
}) {
  const reducedMotion = useReducedMotion();
  const rows = data.map((d) => ({ ...d }));
  return (
    <BarChart
      data={rows}
      layout={horizontal ? 'vertical' : 'horizontal'}
      responsive
      style={CHART_STYLE}
      margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={AXIS} strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
      {horizontal ? (
        <>
          <XAxis type="number" stroke={AXIS} tick={TICK} allowDecimals={false} tickFormatter={format} />
          <YAxis type="category" dataKey="name" stroke={AXIS} tick={TICK} width={120} />
        </>
      ) : (
        <>
          <XAxis dataKey="name" stroke={AXIS} tick={TICK} interval={0} />
          <YAxis stroke={AXIS} tick={TICK} allowDecimals={false} tickFormatter={format} width={64} />
        </>
      )}
      <Tooltip
        {...TOOLTIP}
        formatter={(value) => (typeof value === 'number' ? format(value) : String(value))}
      />
      <Bar dataKey="value" name={seriesName} isAnimationActive={!reducedMotion} radius={4} maxBarSize={56}>
        {rows.map((d) => (
          <Cell key={d.name} fill={colorVar(d.color)} />
        ))}
      </Bar>
    </BarChart>
  );
}

/** One line over the days; a day without a value (null) is a gap in the line. */
export function DailyLineChart({
  data,
  seriesName,
  format,
  top,
}: {
  data: readonly { day: string; value: number | null }[];
  seriesName: string;
  /** How the axis and the tooltip show a value (counts by default). */
  format?: (value: number) => string;
  /** The top of the axis for the largest value (by default recharts picks a round number above it). */
  top?: (largest: number) => number;
}) {
  const reducedMotion = useReducedMotion();
  const rows = data.map((d) => ({ ...d }));
  const show = format ?? ((value: number) => value.toLocaleString());
  return (
    <LineChart
      data={rows}
      responsive
      style={CHART_STYLE}
      margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={AXIS} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" stroke={AXIS} tick={TICK} minTickGap={24} />
      <YAxis
        stroke={AXIS}
        tick={TICK}
        allowDecimals={format !== undefined}
        tickFormatter={show}
        width={48}
        {...(top === undefined ? {} : { domain: [0, top] })}
      />
      <Tooltip
        {...TOOLTIP}
        cursor={{ stroke: AXIS }}
        formatter={(value) => (typeof value === 'number' ? show(value) : String(value))}
      />
      <Line
        type="linear"
        dataKey="value"
        name={seriesName}
        stroke={colorVar(undefined)}
        strokeWidth={2}
        dot={{ r: 2, fill: colorVar(undefined) }}
        activeDot={{ r: 4 }}
        isAnimationActive={!reducedMotion}
      />
    </LineChart>
  );
}
