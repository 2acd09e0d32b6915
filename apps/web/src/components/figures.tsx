import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Figures at a glance (the analytics totals, the admin's system figures): a description list whose
 * groups are bordered boxes, laid out in as many columns as fit.
 */
export function FigureGrid({ children }: { children: ReactNode }) {
  return <dl className="stat-grid">{children}</dl>;
}

/** One figure: its name (dt), its value and an optional line under it (dd). */
export function Figure({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <Paper withBorder p="sm" className="stat">
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" fz={24} fw={700} className="stat-value">
        {value}
      </Text>
      {detail !== undefined && (
        <Text component="dd" size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}
