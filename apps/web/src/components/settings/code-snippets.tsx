import { Alert, Code, Group, Stack, Tabs, Text } from '@mantine/core';
import type { CreatedKey } from '../../api/keys.ts';
import { CopyTextButton } from '../copy-text-button.tsx';

export const KEY_PLACEHOLDER = 'YOUR_API_KEY';
const SAMPLE = 'The staff were lovely.';

interface Snippet {
  value: string;
  name: string;
  code: string;
}

/** Calls of POST /api/v1/sentiment with the key, in three languages. */
export function snippetsFor(origin: string, key: string): Snippet[] {
  const url = `${origin}/api/v1/sentiment`;
  return [
    {
      value: 'curl',
      name: 'curl',
      code: [
        `curl -s ${url} \\`,
        `  -H 'X-API-Key: ${key}' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d '{"text": "${SAMPLE}"}'`,
      ].join('\n'),
    },
    {
      value: 'javascript',
      name: 'JavaScript',
      code: [
        `const response = await fetch('${url}', {`,
        `  method: 'POST',`,
        `  headers: { 'X-API-Key': '${key}', 'Content-Type': 'application/json' },`,
        `  body: JSON.stringify({ text: '${SAMPLE}' }),`,
        `});`,
        `if (!response.ok) throw new Error((await response.json()).error);`,
        `const result = await response.json();`,
        `console.log(result.label, result.score);`,
      ].join('\n'),
    },
    {
      value: 'python',
      name: 'Python',
      code: [
        `import requests`,
        ``,
        `response = requests.post(`,
        `    '${url}',`,
        `    headers={'X-API-Key': '${key}'},`,
        `    json={'text': '${SAMPLE}'},`,
        `    timeout=30,`,
        `)`,
        `response.raise_for_status()`,
        `result = response.json()`,
        `print(result['label'], result['score'])`,
      ].join('\n'),
    },
  ];
}

/** Ready-to-run calls of the API: with the key just created, else a placeholder to replace. */
export function CodeSnippets({ created }: { created: CreatedKey | null }) {
  const key = created?.key ?? KEY_PLACEHOLDER;
  const snippets = snippetsFor(window.location.origin, key);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={760}>
        {created === null
          ? `Replace ${KEY_PLACEHOLDER} with one of your keys (create one above to have it filled in).`
          : `These use your new key “${created.name}”: keep them as private as the key.`}
      </Text>
      {created !== null && !created.scopes.includes('tools') && (
        <Alert color="orange" variant="light" p="xs">
          <Text size="sm">This key has no “tools” scope: the server would refuse these calls (403).</Text>
        </Alert>
      )}
      <Tabs defaultValue="curl" keepMounted={false}>
        <Tabs.List aria-label="Language">
          {snippets.map((snippet) => (
            <Tabs.Tab key={snippet.value} value={snippet.value}>
              {snippet.name}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {snippets.map((snippet) => (
          <Tabs.Panel key={snippet.value} value={snippet.value} pt="sm">
            <Stack gap="xs">
              {/* Focusable: on a narrow screen the block scrolls sideways, and the keyboard must reach it. */}
              <Code
                block
                aria-label={`${snippet.name} example`}
                data-snippet={snippet.value}
                tabIndex={0}
                role="region"
              >
                {snippet.code}
              </Code>
              <Group gap="xs">
                <CopyTextButton text={snippet.code} label={`Copy ${snippet.name} snippet`} />
              </Group>
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
