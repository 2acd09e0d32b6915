import { Alert, Anchor } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { nextPath, noticeFrom } from '../auth/next-path.ts';
import { AuthForm, AuthPage, PasswordField, UsernameField } from '../components/auth-form.tsx';
import { InfoIcon } from '../components/icons.tsx';
import { useFormSubmit } from '../hooks/use-form-submit.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useServerConfig } from '../server-config/server-config-context.ts';

export default function LoginPage() {
  usePageTitle('Log in');
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const features = useServerConfig()?.features;
  const notice = noticeFrom(location.state);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = useFormSubmit(async () => {
    await login({ username: username.trim(), password });
    navigate(nextPath(location.search), { replace: true });
  }, 'Could not log in.');

  return (
    <AuthPage
      title="Log in"
      footer={
        features === undefined ? undefined : features.signup ? (
          <>
            No account yet?{' '}
            <Anchor component={Link} to={{ pathname: '/signup', search: location.search }}>
              Create an account
            </Anchor>
          </>
        ) : (
          // Sign-up is off: the accounts are the administrator's to create.
          'No account yet? Ask the administrator of this server for one.'
        )
      }
    >
      {notice !== null && (
        <Alert color="blue" variant="light" icon={<InfoIcon />}>
          {notice}
        </Alert>
      )}
      <AuthForm submit={submit} submitLabel="Log in">
        <UsernameField value={username} onChange={(event) => setUsername(event.currentTarget.value)} />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        {/* Only where the server can email a reset link; elsewhere an admin issues one. */}
        {features?.password_reset_email === true && (
          <Anchor component={Link} to="/forgot-password" size="sm" mt={-8}>
            Forgot password?
          </Anchor>
        )}
      </AuthForm>
    </AuthPage>
  );
}
