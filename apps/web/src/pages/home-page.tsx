import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { useServerConfig, useSignupOpen } from '../server-config/server-config-context.ts';
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

/** What a guest may do here, as this server is set up (ENABLE_GUEST_ACCESS, ENABLE_USER_SIGNUP). */
function invitation(guestsWelcome: boolean, signupOpen: boolean): string {
  const join = signupOpen ? 'sign up' : 'log in';
  if (guestsWelcome)
    return `Try any tool without an account; ${join} to keep a history and get a larger hourly allowance.`;
  return signupOpen
    ? 'The tools are for account holders: sign up or log in to use them.'
    : 'The tools are for account holders: log in to use them.';
}

/** Home: what each tool does, links to try them (guests may), and the account actions. */
export default function HomePage() {
  usePageTitle('');
  const { user, ready } = useAuth();
  const signupOpen = useSignupOpen();
  // Until the server's switches are known, its defaults (guests welcome).
  const guestsWelcome = useServerConfig()?.features.guests ?? true;
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>Text analysis on your own server</Title>
        <Text size="lg" maw={720}>
          TextAI Studio analyses text with models that run right here: nothing you paste leaves this server.{' '}
          {invitation(guestsWelcome, signupOpen)}
        </Text>
        {ready && user === null && (
          <Group gap="sm" mt="xs">
            {signupOpen && (
              <Button component={Link} to="/signup">
                Create an account
              </Button>
            )}
            <Button component={Link} to="/login" variant={signupOpen ? 'default' : 'filled'}>
              {signupOpen ? 'I have an account' : 'Log in'}
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
