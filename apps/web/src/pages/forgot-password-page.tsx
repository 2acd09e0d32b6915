import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { forgotPassword } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { InfoIcon } from '../components/icons.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

/** The same words whatever the server found: the page never tells whether an account exists. */
const SENT_MESSAGE =
  'If an account matches, a reset link is on its way to its email address. The link works once, for 24 hours.';

/** Forgot password: asks for a reset link by email (POST /auth/forgot-password). */
export default function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await forgotPassword({ username_or_email: email.trim() });
      setSent(true);
    } catch (caught) {
      // Only errors that say nothing about accounts (rate limit, no connection) come back here.
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Could not send it.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={420} mx="auto" gap="lg">
      <Title order={1}>Forgot password</Title>
      <Paper withBorder p="lg">
        <form onSubmit={(event) => void onSubmit(event)}>
          <Stack gap="md">
            <TextInput
              label="Email"
              name="email"
              description="The email address of your account (your username works too)."
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                setSent(false);
              }}
            />
            {error !== null && <ApiErrorAlert error={error} />}
            {sent && (
              <Alert color="blue" variant="light" icon={<InfoIcon />} role="status">
                {SENT_MESSAGE}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              Send reset link
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      </Text>
    </Stack>
  );
}
