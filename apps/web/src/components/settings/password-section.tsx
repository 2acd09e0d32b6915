import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { changePassword } from '../../api/account.ts';
import { PASSWORD_MIN_LENGTH } from '../../auth/password-rules.ts';
import { useFormSubmit } from '../../hooks/use-form-submit.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { PasswordField } from '../auth-form.tsx';
import { CheckIcon } from '../icons.tsx';

/** Change password: the current one and a new one; the server ends the user's other sessions. */
export function PasswordSection() {
  const guard = useSessionGuard();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const submit = useFormSubmit(
    async () => {
      setDone(false);
      await changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setDone(true);
    },
    'Could not change it.',
    guard,
  );

  return (
    <Paper withBorder p="lg" maw={520}>
      <form onSubmit={submit.onSubmit} aria-label="Change password">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Changing your password logs you out everywhere else (other browsers and devices); this session
            stays logged in, and your API keys keep working.
          </Text>
          <PasswordField
            label="Current password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => {
              setCurrent(event.currentTarget.value);
              setDone(false);
            }}
          />
          <PasswordField
            label="New password"
            name="new-password"
            autoComplete="new-password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password, without your username.`}
            value={next}
            onChange={(event) => {
              setNext(event.currentTarget.value);
              setDone(false);
            }}
          />
          {submit.error !== null && <ApiErrorAlert error={submit.error} />}
          {done && (
            <Alert color="teal" variant="light" icon={<CheckIcon />} role="status" title="Password changed">
              Your other sessions have been logged out.
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={submit.busy}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
