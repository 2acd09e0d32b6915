import { Button, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A part of the admin page: a section named by its h2, with its controls (filters, Refresh) beside it. */
export function AdminSection({
  id,
  title,
  actions,
  children,
}: {
  /** The heading's id, which names the section (and its tables). */
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="admin-section">
      <Group justify="space-between" align="flex-end">
        <Title order={2} id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </section>
  );
}

/** Loads a section's figures again; its name says which (there are several on the page). */
export function RefreshButton({
  what,
  loading,
  onClick,
}: {
  what: string;
  loading: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="default"
      size="sm"
      onClick={onClick}
      loading={loading}
      aria-label={`Refresh the ${what}`}
    >
      Refresh
    </Button>
  );
}
