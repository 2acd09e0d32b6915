import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { nextPath } from '../auth/next-path.ts';
import { PASSWORD_TOGGLE_PROPS } from '../auth/password-rules.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { PasswordRules } from '../components/password-rules.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

export default function SignupPage() {
  usePageTitle('Sign up');
  const { signup } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The server has the last word on every rule (and the common-password list): its message is shown.
      await signup({ username: username.trim(), email: email.trim(), password });
      navigate(nextPath(location.search), { replace: true });
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught
          : new ApiError(0, 'CLIENT_ERROR', 'Could not create the account.'),
      );
      setBusy(false);
    }
  };

  return (
    <Stack maw={440} mx="auto" gap="lg">
      <Title order={1}>Sign up</Title>
      <Paper withBorder p="lg">
        <form onSubmit={(event) => void onSubmit(event)}>
          <Stack gap="md">
            <TextInput
              label="Username"
              name="username"
              description="3–32 characters: lowercase letters, digits, _ and -"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
              description={<PasswordRules password={password} username={username} />}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
            {error !== null && <ApiErrorAlert error={error} />}
            <Button type="submit" loading={busy}>
              Sign up
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" ta="center">
        Already have an account?{' '}
        <Anchor component={Link} to={{ pathname: '/login', search: location.search }}>
          Log in instead
        </Anchor>
      </Text>
    </Stack>
  );
}
