import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { resetPassword } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { PASSWORD_MIN_LENGTH, PASSWORD_TOGGLE_PROPS } from '../auth/password-rules.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { CheckIcon } from '../components/icons.tsx';
import { PasswordRules } from '../components/password-rules.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

/** The token of a one-time link `/reset-password#token=…` (in the fragment, so no server log sees it). */
function tokenFrom(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() ?? '';
}

/** Sets a new password with the one-time link an admin (or the reset email) gave. */
export default function ResetPasswordPage() {
  usePageTitle('Set a new password');
  const location = useLocation();
  const token = tokenFrom(location.hash);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await resetPassword({ token, new_password: password });
      setPassword('');
      setDone(true);
    } catch (caught) {
      // An invalid, used or expired link, or a password the server refuses: its message is shown.
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Could not set it.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>Set a new password</Title>
      {done ? (
        <Alert color="teal" variant="light" icon={<CheckIcon />} role="status" title="Password set">
          <Stack gap="xs">
            <Text size="sm">Your new password is set, and any sessions you had were logged out.</Text>
            <Anchor component={Link} to="/login" size="sm">
              Log in with your new password
            </Anchor>
          </Stack>
        </Alert>
      ) : token === '' ? (
        <Alert color="red" variant="light" title="No reset link">
          <Text size="sm">
            This page needs the whole one-time link you were given (it ends with #token=…). Ask an admin for a
            new one, or{' '}
            {/* The alert's own text colour, underlined: the primary colour on the red alert is too faint. */}
            <Anchor component={Link} to="/forgot-password" size="sm" c="inherit" underline="always">
              request a reset link
            </Anchor>
            .
          </Text>
        </Alert>
      ) : (
        <Paper withBorder p="lg">
          <form onSubmit={(event) => void onSubmit(event)}>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                The link works once. Setting a password logs you out everywhere.
              </Text>
              <PasswordInput
                label="New password"
                name="new-password"
                autoComplete="new-password"
                required
                minLength={PASSWORD_MIN_LENGTH}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
                description={<PasswordRules password={password} />}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              />
              {error !== null && <ApiErrorAlert error={error} />}
              <Button type="submit" loading={busy}>
                Set password
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
