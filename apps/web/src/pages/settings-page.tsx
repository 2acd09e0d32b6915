import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { CreatedKey } from '../api/keys.ts';
import { RequireLogin } from '../components/require-login.tsx';
import { ApiKeysSection } from '../components/settings/api-keys-section.tsx';
import { CodeSnippets } from '../components/settings/code-snippets.tsx';
import { DataSection } from '../components/settings/data-section.tsx';
import { HistorySection } from '../components/settings/history-section.tsx';
import { PasswordSection } from '../components/settings/password-section.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack component="section" gap="sm" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Settings() {
  // The key just created: shown once, and filled into the code snippets.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  return (
    <Stack gap="xl">
      <Stack gap={6}>
        <Title order={1}>Settings</Title>
        <Text c="dimmed">API keys, your password, your history and your data.</Text>
      </Stack>
      <Section id="keys-heading" title="API keys">
        <ApiKeysSection
          created={created}
          onCreated={setCreated}
          onRevoked={(id) => {
            if (created?.id === id) setCreated(null);
          }}
        />
      </Section>
      <Section id="snippets-heading" title="Call the API">
        <CodeSnippets created={created} />
      </Section>
      <Section id="password-heading" title="Password">
        <PasswordSection />
      </Section>
      <Section id="history-heading" title="History">
        <HistorySection />
      </Section>
      <Section id="data-heading" title="Your data">
        <DataSection />
      </Section>
    </Stack>
  );
}

/** Settings (logged in): API keys and snippets, password change, data export, account deletion. */
export default function SettingsPage() {
  usePageTitle('Settings');
  return (
    <RequireLogin title="Settings" why="Log in to manage your API keys, your password and your data.">
      <Settings />
    </RequireLogin>
  );
}
