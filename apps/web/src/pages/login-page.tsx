import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { nextPath, noticeFrom } from '../auth/next-path.ts';
import { PASSWORD_TOGGLE_PROPS } from '../auth/password-rules.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { InfoIcon } from '../components/icons.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

export default function LoginPage() {
  usePageTitle('Log in');
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const notice = noticeFrom(location.state);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username: username.trim(), password });
      navigate(nextPath(location.search), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Could not log in.'));
      setBusy(false);
    }
  };

  return (
    <Stack maw={420} mx="auto" gap="lg">
      <Title order={1}>Log in</Title>
      {notice !== null && (
        <Alert color="blue" variant="light" icon={<InfoIcon />}>
          {notice}
        </Alert>
      )}
      <Paper withBorder p="lg">
        <form onSubmit={(event) => void onSubmit(event)}>
          <Stack gap="md">
            <TextInput
              label="Username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
            />
            <Anchor component={Link} to="/forgot-password" size="sm" mt={-8}>
              Forgot password?
            </Anchor>
            {error !== null && <ApiErrorAlert error={error} />}
            <Button type="submit" loading={busy}>
              Log in
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" ta="center">
        No account yet?{' '}
        <Anchor component={Link} to={{ pathname: '/signup', search: location.search }}>
          Create an account
        </Anchor>
      </Text>
    </Stack>
  );
}
