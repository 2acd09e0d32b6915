import { Alert, Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { changePassword } from '../../api/account.ts';
import type { ApiError } from '../../api/client.ts';
import { PASSWORD_MIN_LENGTH, PASSWORD_TOGGLE_PROPS } from '../../auth/password-rules.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { CheckIcon } from '../icons.tsx';

/** Change password: the current one and a new one; the server ends the user's other sessions. */
export function PasswordSection() {
  const guard = useSessionGuard();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (caught) {
      setError(guard(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={520}>
      <form onSubmit={(event) => void onSubmit(event)} aria-label="Change password">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Changing your password logs you out everywhere else (other browsers and devices); this session
            stays logged in, and your API keys keep working.
          </Text>
          <PasswordInput
            label="Current password"
            name="current-password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => {
              setCurrent(event.currentTarget.value);
              setDone(false);
            }}
            visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
          />
          <PasswordInput
            label="New password"
            name="new-password"
            autoComplete="new-password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password, without your username.`}
            required
            value={next}
            onChange={(event) => {
              setNext(event.currentTarget.value);
              setDone(false);
            }}
            visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          {error !== null && <ApiErrorAlert error={error} />}
          {done && (
            <Alert color="teal" variant="light" icon={<CheckIcon />} role="status" title="Password changed">
              Your other sessions have been logged out.
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
