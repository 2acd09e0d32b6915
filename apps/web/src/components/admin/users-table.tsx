import {
  Button,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { USER_TIERS, issueResetLink, listUsers, updateUser } from '../../api/admin.ts';
import type { AdminUserPatch, ResetLink, UserTier } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { useConfirmedAction } from '../../hooks/use-confirmed-action.ts';
import { useLoaded } from '../../hooks/use-loaded.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { DataTable } from '../data-table.tsx';
import { formatDate, formatDateTime } from '../when.ts';
import { AdminSection } from './admin-section.tsx';
import { Pager } from './pager.tsx';

const PAGE_SIZE = 20;

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Something went wrong.');
}

/** The one-time reset link, shown once, with a copy button. */
function ResetLinkModal({ user, link, onClose }: { user: User; link: ResetLink; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={`Reset link for ${user.username}`} size="lg">
      <Stack gap="md">
        <Text size="sm">
          Give this link to {user.username} over a channel you trust. It sets a new password once, and expires{' '}
          {formatDateTime(link.expires_at)}. It is not shown again: issue a new one if it is lost.
        </Text>
        <TextInput
          label="One-time link"
          readOnly
          value={link.reset_url}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <Group gap="sm">
          <CopyButton value={link.reset_url}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Every account, searchable by name or email: tier, enabled or not, and a one-time reset link
 * (GET/PATCH /admin/users, POST /admin/users/:id/reset-password). Admins cannot demote or disable
 * themselves (the server refuses), so their own row's controls are off.
 */
export function UsersTable({ me, onChanged }: { me: User; onChanged: () => void }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  // The page belongs to the query it was chosen for: a new search starts at the first page.
  const [paging, setPaging] = useState({ query: '', offset: 0 });
  const offset = paging.query === query ? paging.offset : 0;
  const users = useLoaded(`${query}\n${offset}`, () =>
    listUsers({ q: query === '' ? undefined : query, limit: PAGE_SIZE, offset }),
  );

  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [reset, setReset] = useState<{ user: User; link: ResetLink } | null>(null);

  const change = async (user: User, patch: AdminUserPatch, done: (updated: User) => string) => {
    setBusy(user.id);
    setActionError(null);
    setNotice('');
    try {
      const { data: updated } = await updateUser(user.id, patch);
      users.update((page) => ({
        ...page,
        data: page.data.map((row) => (row.id === updated.id ? updated : row)),
      }));
      setNotice(done(updated));
      onChanged();
    } catch (caught) {
      setActionError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const onTier = (user: User, tier: UserTier) =>
    void change(user, { tier }, (updated) => `${updated.username} is now on the ${updated.tier} tier.`);

  // change() shows its own errors under the search field: the dialog closes either way.
  const disable = useConfirmedAction(
    (user: User) =>
      change(
        user,
        { disabled: true },
        (updated) => `${updated.username} is disabled: logged out, and their API keys stopped.`,
      ),
    asApiError,
  );

  const onEnabled = (user: User, enabled: boolean) => {
    if (!enabled) {
      disable.ask(user);
      return;
    }
    void change(user, { disabled: false }, (updated) => `${updated.username} can log in again.`);
  };

  const onReset = async (user: User) => {
    setBusy(user.id);
    setActionError(null);
    setNotice('');
    try {
      const { data } = await issueResetLink(user.id);
      setReset({ user, link: data });
      setNotice(`A reset link for ${user.username} was issued.`);
      onChanged();
    } catch (caught) {
      setActionError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const page = users.data;
  return (
    <AdminSection id="users-heading" title="Users">
      <TextInput
        label="Search users"
        description="Part of a username or an email address"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
        autoComplete="off"
        spellCheck={false}
      />
      {users.error !== null && <ApiErrorAlert error={users.error} />}
      {actionError !== null && <ApiErrorAlert error={actionError} />}
      <Text role="status" size="sm" className="status-line">
        {notice}
      </Text>
      {page !== null && (
        <>
          <DataTable
            labelledBy="users-heading"
            columns={['User', 'Tier', 'Enabled', 'Created', 'Password']}
            minWidth={640}
            busy={users.loading}
            empty={
              page.data.length > 0
                ? undefined
                : query === ''
                  ? 'No users yet.'
                  : `No user matches “${query}”.`
            }
          >
            {page.data.map((user) => {
              const self = user.id === me.id;
              const locked = self || busy === user.id;
              return (
                <Table.Tr key={user.id} data-disabled={user.disabled || undefined}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {user.username}
                      {self && (
                        <Text component="span" size="xs" c="dimmed" fw={400}>
                          {' '}
                          (you)
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed" className="break-anywhere">
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Tier of ${user.username}`}
                      size="xs"
                      data={USER_TIERS.map((tier) => ({ value: tier, label: tier }))}
                      value={user.tier}
                      disabled={locked}
                      onChange={(event) => onTier(user, event.currentTarget.value as UserTier)}
                      w={96}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${user.username} can log in`}
                      checked={!user.disabled}
                      disabled={locked}
                      onChange={(event) => onEnabled(user, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="nowrap">
                      {formatDate(user.created_at)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Reset link for ${user.username}`}
                      disabled={busy === user.id}
                      onClick={() => void onReset(user)}
                    >
                      Reset link
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
          <Pager
            total={page.pagination.total}
            limit={PAGE_SIZE}
            offset={offset}
            noun="users"
            label="Users pages"
            onChange={(next) => setPaging({ query, offset: next })}
          />
        </>
      )}
      <ConfirmDialog
        action={disable}
        title={(user) => `Disable ${user.username}?`}
        confirmLabel="Disable account"
      >
        {(user) => (
          <Text size="sm">
            {user.username} is logged out everywhere and their API keys stop working until you enable the
            account again. Their history and keys are kept.
          </Text>
        )}
      </ConfirmDialog>
      {reset !== null && (
        <ResetLinkModal user={reset.user} link={reset.link} onClose={() => setReset(null)} />
      )}
    </AdminSection>
  );
}
