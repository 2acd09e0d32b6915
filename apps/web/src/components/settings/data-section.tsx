import { Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { deleteAccount, exportAccount } from '../../api/account.ts';
import type { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth-context.ts';
import { PASSWORD_TOGGLE_PROPS } from '../../auth/password-rules.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { clearStoredState } from '../../hooks/use-stored-state.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';

/** Saves a blob under a file name, through a temporary link. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export everything stored about the user as JSON; delete the account (password required). */
export function DataSection() {
  const guard = useSessionGuard();
  const { sessionEnded } = useAuth();
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);

  const onExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, filename } = await exportAccount();
      saveBlob(blob, filename);
    } catch (caught) {
      setExportError(guard(caught));
    } finally {
      setExporting(false);
    }
  };

  const closeDelete = () => {
    setConfirming(false);
    setPassword('');
    setDeleteError(null);
  };

  const onDelete = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDeleting(true);
    setDeleteError(null);
    try {
      await deleteAccount({ password });
      clearStoredState();
      sessionEnded();
      navigate('/', { replace: true });
    } catch (caught) {
      setDeleteError(guard(caught));
      setDeleting(false);
    }
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="lg">
        <Stack gap="sm" align="flex-start">
          <Title order={3} size="h5">
            Export
          </Title>
          <Text size="sm" c="dimmed">
            Everything this server stores about you — your account, API keys (without their secrets), history
            and security events — as one JSON file.
          </Text>
          {exportError !== null && <ApiErrorAlert error={exportError} />}
          <Button variant="default" loading={exporting} onClick={() => void onExport()}>
            Export my data
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" style={{ borderColor: 'var(--mantine-color-red-outline)' }}>
        <Stack gap="sm" align="flex-start">
          <Title order={3} size="h5">
            Delete
          </Title>
          <Text size="sm" c="dimmed">
            Deletes your account, its API keys, sessions, history and file jobs, at once and for good.
          </Text>
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            Delete my account
          </Button>
        </Stack>
      </Paper>
      <Modal opened={confirming} onClose={closeDelete} title="Delete your account?" centered>
        <form onSubmit={(event) => void onDelete(event)}>
          <Stack gap="md">
            <Text size="sm">
              Everything goes: your account, API keys, history and jobs. This cannot be undone. Enter your
              password to confirm.
            </Text>
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              required
              data-autofocus
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
            />
            {deleteError !== null && <ApiErrorAlert error={deleteError} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={closeDelete}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={deleting}>
                Delete account
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
