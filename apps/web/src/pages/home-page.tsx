import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';

const TOOLS = [
  {
    to: '/sentiment',
    name: 'Sentiment',
    summary:
      'Reads a review, a post or a message and says whether it is positive, negative or neutral, how sure it is, and which words tipped the balance.',
  },
  {
    to: '/summarize',
    name: 'Summarize',
    summary:
      'Picks the sentences that carry an article, to the length you choose, lists its keywords and shows where each chosen sentence sits in the original.',
  },
  {
    to: '/fake-news',
    name: 'Fake news',
    summary:
      'Scores how much a claim or an article reads like known fabricated news, with plain signals (sensational wording, sources cited, quotes) you can check yourself. It does not check facts.',
  },
  {
    to: '/job-match',
    name: 'Job match',
    summary:
      'Compares a résumé with a job description: a match score, the skills found on both sides and those missing, and advice on what to add.',
  },
] as const;

/** Home: what each tool does, links to try them (guests may), and the account actions. */
export default function HomePage() {
  usePageTitle('');
  const { user, ready } = useAuth();
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>Text analysis on your own server</Title>
        <Text size="lg" maw={720}>
          TextAI Studio analyses text with models that run right here: nothing you paste leaves this server.
          Try any tool without an account; sign up to keep a history and get a larger hourly allowance.
        </Text>
        {ready && user === null && (
          <Group gap="sm" mt="xs">
            <Button component={Link} to="/signup">
              Create an account
            </Button>
            <Button component={Link} to="/login" variant="default">
              I have an account
            </Button>
          </Group>
        )}
        {user !== null && <Text c="dimmed">Welcome back, {user.username}.</Text>}
      </Stack>

      <section aria-labelledby="tools-heading">
        <Title order={2} size="h3" id="tools-heading" mb="md">
          The tools
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {TOOLS.map((tool) => (
            <Card
              key={tool.to}
              withBorder
              padding="lg"
              component="article"
              aria-labelledby={`tool-${tool.to}`}
            >
              <Stack gap="sm" h="100%" justify="space-between">
                <Stack gap={6}>
                  <Title order={3} size="h4" id={`tool-${tool.to}`}>
                    {tool.name}
                  </Title>
                  <Text size="sm">{tool.summary}</Text>
                </Stack>
                <Group>
                  <Button component={Link} to={tool.to} variant="light">
                    Try {tool.name}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
