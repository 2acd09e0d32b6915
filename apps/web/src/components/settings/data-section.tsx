import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { deleteAccount, exportAccount } from '../../api/account.ts';
import type { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth-context.ts';
import { useConfirmedAction } from '../../hooks/use-confirmed-action.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { clearStoredState } from '../../hooks/use-stored-state.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { PasswordField } from '../auth-form.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';

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
  const [password, setPassword] = useState('');
  const removeAccount = useConfirmedAction<'account'>(async () => {
    await deleteAccount({ password });
    clearStoredState();
    sessionEnded();
    navigate('/', { replace: true });
  }, guard);

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
          <Button
            color="red"
            variant="light"
            onClick={() => {
              setPassword('');
              removeAccount.ask('account');
            }}
          >
            Delete my account
          </Button>
        </Stack>
      </Paper>
      <ConfirmDialog action={removeAccount} title="Delete your account?" confirmLabel="Delete account">
        {() => (
          <>
            <Text size="sm">
              Everything goes: your account, API keys, history and jobs. This cannot be undone. Enter your
              password to confirm.
            </Text>
            <PasswordField
              label="Your password"
              autoComplete="current-password"
              data-autofocus
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
          </>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
