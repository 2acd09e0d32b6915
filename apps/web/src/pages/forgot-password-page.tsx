import { Alert, Anchor, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { forgotPassword } from '../api/auth.ts';
import { AuthForm, AuthPage } from '../components/auth-form.tsx';
import { FeatureGate } from '../components/feature-gate.tsx';
import { InfoIcon } from '../components/icons.tsx';
import { useFormSubmit } from '../hooks/use-form-submit.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';

/** The same words whatever the server found: the page never tells whether an account exists. */
const SENT_MESSAGE =
  'If an account matches, a reset link is on its way to its email address. The link works once, for 24 hours.';

function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  // Only errors that say nothing about accounts (rate limit, no connection) come back from it.
  const submit = useFormSubmit(async () => {
    setSent(false);
    await forgotPassword({ username_or_email: email.trim() });
    setSent(true);
  }, 'Could not send it.');

  return (
    <AuthForm
      submit={submit}
      submitLabel="Send reset link"
      after={
        sent && (
          <Alert color="blue" variant="light" icon={<InfoIcon />} role="status">
            {SENT_MESSAGE}
          </Alert>
        )
      }
    >
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
    </AuthForm>
  );
}

/** Forgot password: asks for a reset link by email (POST /auth/forgot-password), where email is set up. */
export default function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  return (
    <AuthPage
      title="Forgot password"
      footer={
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      }
    >
      <FeatureGate
        feature="password_reset_email"
        offTitle="No reset emails here"
        offText="This server does not send email. Ask its administrator for a one-time reset link: they can make one on the Admin page."
      >
        <ForgotPasswordForm />
      </FeatureGate>
    </AuthPage>
  );
}
