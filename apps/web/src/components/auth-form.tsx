import { Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { PasswordInputProps, TextInputProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { PASSWORD_TOGGLE_PROPS } from '../auth/password-rules.ts';
import type { FormSubmit } from '../hooks/use-form-submit.ts';
import { ApiErrorAlert } from './api-error-alert.tsx';

/** The account pages (log in, sign up, forgot and reset password): a narrow column, a title, a footer. */
export function AuthPage({
  title,
  width = 420,
  children,
  footer,
}: {
  title: string;
  width?: number;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Stack maw={width} mx="auto" gap="lg">
      <Title order={1}>{title}</Title>
      {children}
      {footer !== undefined && (
        <Text size="sm" ta="center">
          {footer}
        </Text>
      )}
    </Stack>
  );
}

/** A boxed form: its fields, the error of the last attempt, anything after it, the submit button. */
export function AuthForm({
  submit,
  submitLabel,
  label,
  children,
  after,
}: {
  submit: FormSubmit;
  submitLabel: string;
  /** The form's accessible name, where the page holds more than one form. */
  label?: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <Paper withBorder p="lg">
      <form onSubmit={submit.onSubmit} aria-label={label}>
        <Stack gap="md">
          {children}
          {submit.error !== null && <ApiErrorAlert error={submit.error} />}
          {after}
          <Button type="submit" loading={submit.busy}>
            {submitLabel}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** A username field: no autocapitalisation or spelling marks (usernames are lowercase words). */
export function UsernameField(props: Omit<TextInputProps, 'name' | 'autoComplete'>) {
  return (
    <TextInput
      label="Username"
      name="username"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      required
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...props}
    />
  );
}

/** A password field whose show/hide button does not answer to the label "Password" too. */
export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      required
      visibilityToggleButtonProps={PASSWORD_TOGGLE_PROPS}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...props}
    />
  );
}
