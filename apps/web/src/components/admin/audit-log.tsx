import { Group, NativeSelect, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { AUDIT_EVENTS, listAudit, listUsers } from '../../api/admin.ts';
import { useLoaded } from '../../hooks/use-loaded.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { DataTable } from '../data-table.tsx';
import { formatDateTime } from '../when.ts';
import { AdminSection, RefreshButton } from './admin-section.tsx';
import { eventLabel, formatDetails } from './format.ts';
import { Pager } from './pager.tsx';

const PAGE_SIZE = 25;
/** Names for the actor and target ids: the first this many accounts (ids show for the rest). */
const NAMES_LIMIT = 200;

function Who({ id, names }: { id: string | null; names: ReadonlyMap<string, string> }) {
  if (id === null) return <Text size="sm">—</Text>;
  const name = names.get(id);
  if (name !== undefined) return <Text size="sm">{name}</Text>;
  // A deleted account, or one past the first NAMES_LIMIT: its id.
  return (
    <Text size="sm" ff="monospace" className="break-anywhere">
      {id}
    </Text>
  );
}

/**
 * Logins, failed logins, keys, tiers, resets… newest first (GET /admin/audit), by event. Loads again
 * when `changes` moves on (an admin action on this page just added an event).
 */
export function AuditLog({ changes }: { changes: number }) {
  const [filter, setFilter] = useState({ event: '', offset: 0 });
  const audit = useLoaded(`${changes}\n${filter.event}\n${filter.offset}`, () =>
    listAudit({
      event: filter.event === '' ? undefined : filter.event,
      limit: PAGE_SIZE,
      offset: filter.offset,
    }),
  );
  const users = useLoaded(`names ${changes}`, () => listUsers({ limit: NAMES_LIMIT, offset: 0 }));
  const names = useMemo(
    () => new Map((users.data?.data ?? []).map((user) => [user.id, user.username])),
    [users.data],
  );
  const page = audit.data;

  return (
    <AdminSection
      id="audit-heading"
      title="Audit log"
      actions={
        <Group gap="xs" align="flex-end">
          <NativeSelect
            label="Event"
            size="sm"
            value={filter.event}
            onChange={(event) => setFilter({ event: event.currentTarget.value, offset: 0 })}
            data={[
              { value: '', label: 'All events' },
              ...AUDIT_EVENTS.map((name) => ({ value: name, label: eventLabel(name) })),
            ]}
            w={220}
          />
          <RefreshButton
            what="audit log"
            onClick={() => {
              audit.reload();
              users.reload();
            }}
            loading={audit.loading}
          />
        </Group>
      }
    >
      {audit.error !== null && <ApiErrorAlert error={audit.error} />}
      {page !== null && (
        <>
          <DataTable
            labelledBy="audit-heading"
            columns={['Time', 'Event', 'By', 'Account', 'IP address', 'Details']}
            minWidth={640}
            busy={audit.loading}
            empty={
              page.data.length > 0 ? undefined : `No events${filter.event === '' ? '' : ' of this kind'} yet.`
            }
          >
            {page.data.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>
                  <Text size="sm" className="nowrap">
                    {formatDateTime(event.created_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} className="nowrap">
                    {eventLabel(event.event)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Who id={event.actor_id} names={names} />
                </Table.Td>
                <Table.Td>
                  <Who id={event.target_id} names={names} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {event.ip ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="break-anywhere">
                    {formatDetails(event.details)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Pager
            total={page.pagination.total}
            limit={PAGE_SIZE}
            offset={filter.offset}
            noun="events"
            label="Audit log pages"
            onChange={(offset) => setFilter({ event: filter.event, offset })}
          />
        </>
      )}
    </AdminSection>
  );
}
