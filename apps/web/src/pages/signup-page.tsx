import { Anchor, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { nextPath } from '../auth/next-path.ts';
import { AuthForm, AuthPage, PasswordField, UsernameField } from '../components/auth-form.tsx';
import { FeatureGate } from '../components/feature-gate.tsx';
import { PasswordRules } from '../components/password-rules.tsx';
import { useFormSubmit } from '../hooks/use-form-submit.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';

function SignupForm() {
  const { signup } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useFormSubmit(async () => {
    // The server has the last word on every rule (and the common-password list): its message is shown.
    await signup({ username: username.trim(), email: email.trim(), password });
    navigate(nextPath(location.search), { replace: true });
  }, 'Could not create the account.');

  return (
    <AuthForm submit={submit} submitLabel="Sign up">
      <UsernameField
        description="3–32 characters: lowercase letters, digits, _ and -"
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
      <PasswordField
        label="Password"
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        description={<PasswordRules password={password} username={username} />}
      />
    </AuthForm>
  );
}

/** Sign up, where the server lets anyone create an account (ENABLE_USER_SIGNUP). */
export default function SignupPage() {
  usePageTitle('Sign up');
  const location = useLocation();
  return (
    <AuthPage
      title="Sign up"
      width={440}
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={{ pathname: '/login', search: location.search }}>
            Log in instead
          </Anchor>
        </>
      }
    >
      <FeatureGate
        feature="signup"
        offTitle="Sign-up is closed"
        offText="This server does not let visitors create accounts. Ask its administrator for one."
      >
        <SignupForm />
      </FeatureGate>
    </AuthPage>
  );
}
