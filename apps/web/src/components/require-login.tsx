import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { User } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { useSignupOpen } from '../server-config/server-config-context.ts';

/** Why a guest should log in here, with Log in (and, where the server allows it, sign-up) links back to this page. */
function LoginPrompt({ why }: { why: string }) {
  const { pathname, search } = useLocation();
  const next = encodeURIComponent(pathname + search);
  const signupOpen = useSignupOpen();
  return (
    <Paper withBorder p="lg" maw={640}>
      <Stack gap="md" align="flex-start">
        <Text>{why}</Text>
        <Group gap="sm">
          <Button component={Link} to={`/login?next=${next}`}>
            Log in
          </Button>
          {signupOpen && (
            <Button component={Link} to={`/signup?next=${next}`} variant="default">
              Create an account
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * Content for logged-in users: for a guest, a prompt to log in and come back (under `title`, for a
 * page that has no header of its own yet); while the session is being checked, a loader.
 */
export function RequireLogin({
  title,
  why,
  children,
}: {
  title?: string;
  why: string;
  children: ReactNode | ((user: User) => ReactNode);
}) {
  const { user, ready } = useAuth();
  if (!ready) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Checking your session" />
      </Center>
    );
  }
  if (user !== null) return <>{typeof children === 'function' ? children(user) : children}</>;
  if (title === undefined) return <LoginPrompt why={why} />;
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>{title}</Title>
      <LoginPrompt why={why} />
    </Stack>
  );
}
