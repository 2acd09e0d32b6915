import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { AuditLog } from '../components/admin/audit-log.tsx';
import { SystemHealth } from '../components/admin/system-health.tsx';
import { UsersTable } from '../components/admin/users-table.tsx';
import { InfoIcon } from '../components/icons.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

/**
 * Admin: system health, users (tiers, enabling, reset links) and the audit log. The tier comes from
 * GET /auth/me (the auth context); the server checks it again on every admin call.
 */
export default function AdminPage() {
  usePageTitle('Admin');
  const { user, ready } = useAuth();
  // Each change an admin makes here adds an audit event: the log below loads again.
  const [changes, setChanges] = useState(0);

  if (!ready) {
    return (
      <Stack gap="md">
        <Title order={1}>Admin</Title>
        <Center py="xl">
          <Loader role="status" aria-label="Checking your account" />
        </Center>
      </Stack>
    );
  }

  if (user === null || user.tier !== 'admin') {
    return (
      <Stack gap="md" maw={640}>
        <Title order={1}>Admin</Title>
        <Alert color="blue" variant="light" icon={<InfoIcon />} title="Admins only">
          <Text size="sm">
            {user === null
              ? 'This page is for the administrators of this server. Log in with an admin account to see it.'
              : 'This page is for the administrators of this server; your account is not one of them.'}
          </Text>
        </Alert>
        {user === null && (
          <div>
            <Button component={Link} to="/login?next=%2Fadmin">
              Log in
            </Button>
          </div>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="xl">
      <Stack gap={6}>
        <Title order={1}>Admin</Title>
        <Text c="dimmed" maw={760}>
          How this server is doing, who has an account, and what happened lately.
        </Text>
      </Stack>
      <SystemHealth />
      <UsersTable me={user} onChanged={() => setChanges((n) => n + 1)} />
      <AuditLog changes={changes} />
    </Stack>
  );
}
