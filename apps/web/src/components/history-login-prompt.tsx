import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';

/** What a guest sees on a page that needs an account (history, analytics). */
export function HistoryLoginPrompt({ what }: { what: string }) {
  const { pathname, search } = useLocation();
  const next = encodeURIComponent(pathname + search);
  return (
    <Paper withBorder p="lg" maw={640}>
      <Stack gap="sm" align="flex-start">
        <Text>
          Log in to see {what}. Your tool calls are kept in your history only when you are logged in.
        </Text>
        <Group gap="sm">
          <Button component={Link} to={`/login?next=${next}`}>
            Log in
          </Button>
          <Button component={Link} to="/signup" variant="default">
            Create an account
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
