import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { resetPassword } from '../api/auth.ts';
import { PASSWORD_MIN_LENGTH } from '../auth/password-rules.ts';
import { AuthForm, AuthPage, PasswordField } from '../components/auth-form.tsx';
import { CheckIcon } from '../components/icons.tsx';
import { PasswordRules } from '../components/password-rules.tsx';
import { useFormSubmit } from '../hooks/use-form-submit.ts';
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
  const [done, setDone] = useState(false);
  // An invalid, used or expired link, or a password the server refuses: its message is shown.
  const submit = useFormSubmit(async () => {
    await resetPassword({ token, new_password: password });
    setPassword('');
    setDone(true);
  }, 'Could not set it.');

  return (
    <AuthPage title="Set a new password" width={440}>
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
        <AuthForm submit={submit} submitLabel="Set password">
          <Text size="sm" c="dimmed">
            The link works once. Setting a password logs you out everywhere.
          </Text>
          <PasswordField
            label="New password"
            name="new-password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            description={<PasswordRules password={password} />}
          />
        </AuthForm>
      )}
    </AuthPage>
  );
}
