import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { nextPath } from '../auth/next-path.ts';
import { PASSWORD_TOGGLE_PROPS, passwordChecks } from '../auth/password-rules.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { CheckIcon, CrossIcon } from '../components/icons.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

/**
 * The rules, ticked as you type. Spans with list roles, not <ul>: Mantine renders a field's
 * description in a <p>, and the description is what the field's aria-describedby points to.
 */
function PasswordRules({ password, username }: { password: string; username: string }) {
  const checks = passwordChecks(password, username);
  const state = (ok: boolean) => (ok ? 'met' : password === '' ? 'pending' : 'unmet');
  return (
    <span role="list" className="password-rules">
      {checks.map((check) => (
        <span role="listitem" key={check.label} className="password-rule" data-state={state(check.ok)}>
          {check.ok ? <CheckIcon size={14} /> : <CrossIcon size={14} />}
          <span>
            {check.label}
            <span className="visually-hidden">{check.ok ? ' (met)' : ' (not met yet)'}</span>
          </span>
        </span>
      ))}
      <span role="listitem" className="password-rule" data-state="pending">
        <span className="rule-dot" aria-hidden="true" />
        <span>Not a common password (the server checks this)</span>
      </span>
    </span>
  );
}

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
