import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';

/**
 * A page for logged-in users: its content, or for a guest a prompt to log in (and come back here).
 * While the session is being checked, a loader.
 */
export function RequireLogin({ title, why, children }: { title: string; why: string; children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) {
    return (
      <Center py="xl">
        <Loader aria-label="Checking your session" />
      </Center>
    );
  }
  if (user !== null) return <>{children}</>;
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <Stack gap="lg" maw={560}>
      <Title order={1}>{title}</Title>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Text>{why}</Text>
          <Group gap="sm">
            <Button component={Link} to={`/login?next=${next}`}>
              Log in
            </Button>
            <Button component={Link} to={`/signup?next=${next}`} variant="default">
              Create an account
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
